import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// pdf.js's decoders (WebAssembly, with JS fallbacks: scanned pages use fax,
// JBIG2 and JPEG 2000 images), character maps, standard fonts and colour
// profile, copied under fixed names to dist/pdfjs/, where its worker fetches
// them from the app itself. The PDF scripting engine (quickjs) is left out:
// scripts in documents never run.
function pdfjsResources(): Plugin {
  const root = fileURLToPath(new URL('./node_modules/pdfjs-dist/', import.meta.url));
  return {
    name: 'pdfjs-resources',
    apply: 'build',
    generateBundle() {
      for (const dir of ['wasm', 'cmaps', 'standard_fonts', 'iccs']) {
        for (const name of readdirSync(root + dir)) {
          if (name.toLowerCase().includes('quickjs')) continue;
          this.emitFile({ type: 'asset', fileName: `pdfjs/${dir}/${name}`, source: readFileSync(`${root}${dir}/${name}`) });
        }
      }
    },
  };
}

// The UI is served by the Tauri shell from dist/; nothing is loaded from the
// network, and the build inlines no scripts or styles (the CSP forbids them).
export default defineConfig({
  plugins: [svelte(), pdfjsResources()],
  clearScreen: false,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'safari15',
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  server: { fs: { allow: ['..'] } },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
    // The style sheet as text, for the contrast test (other CSS stays empty).
    css: { include: [/app\.css/] },
  },
  resolve: process.env.VITEST ? { conditions: ['browser'] } : undefined,
});
