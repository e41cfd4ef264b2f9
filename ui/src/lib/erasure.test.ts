import { describe, expect, it } from 'vitest';
import type { ErasurePlanView } from './ipc/bindings';
import { confirmWord, confirmed, eraseReady, planLines } from './erasure';

function plan(over: Partial<ErasurePlanView> = {}): ErasurePlanView {
  return {
    case_id: null, case_code: null, records: 1, versions: 2, attachments: 0, attachment_bytes: 0, ...over,
  };
}
const wholeCase = plan({ case_id: 'k1', case_code: 'RO-2026-031', records: 5, versions: 9, attachments: 2, attachment_bytes: 2048 });

describe('erasure confirmation', () => {
  it('asks for the case code for a whole case and ERASE for one record', () => {
    expect(confirmWord(wholeCase)).toBe('RO-2026-031');
    expect(confirmWord(plan())).toBe('ERASE');
    expect(confirmWord(plan({ case_code: 'RO-1' }))).toBe('ERASE');
  });

  it('accepts the word with spaces around it or in another case, nothing else', () => {
    expect(confirmed(wholeCase, ' ro-2026-031 ')).toBe(true);
    expect(confirmed(wholeCase, 'RO-2026-03')).toBe(false);
    expect(confirmed(wholeCase, 'ERASE')).toBe(false);
    expect(confirmed(plan(), 'erase')).toBe(true);
    expect(confirmed(plan(), '')).toBe(false);
  });

  it('needs a reason of the vocabulary as well as the word', () => {
    expect(eraseReady(plan(), '', 'ERASE')).toBe(false);
    expect(eraseReady(plan(), 'bogus' as never, 'ERASE')).toBe(false);
    expect(eraseReady(plan(), 'entered_in_error', 'ERAS')).toBe(false);
    expect(eraseReady(plan(), 'entered_in_error', 'ERASE')).toBe(true);
    expect(eraseReady(wholeCase, 'consent_withdrawn', 'RO-2026-031')).toBe(true);
  });

  it('says what goes, where copies stay and that it is final', () => {
    const lines = planLines(wholeCase, (b) => `${b} B`);
    expect(lines.map((l) => l.id)).toEqual([
      'erase-what-case', 'erase-versions', 'erase-files', 'erase-copies', 'erase-backups', 'erase-final',
    ]);
    expect(lines[0].args).toEqual({ code: 'RO-2026-031', records: 5 });
    expect(lines[1].args).toEqual({ versions: 9 });
    expect(lines[2].args).toEqual({ files: 2, size: '2048 B' });
  });

  it('leaves out the files line when no attachment goes', () => {
    const lines = planLines(plan(), String);
    expect(lines[0]).toEqual({ id: 'erase-what-record', args: { records: 1 } });
    expect(lines.some((l) => l.id === 'erase-files')).toBe(false);
  });
});
