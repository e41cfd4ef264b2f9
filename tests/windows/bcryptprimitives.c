/* ProcessPrng for Wine 8, test use only.
 *
 * Rust's std (1.78 and later) takes its random bytes from ProcessPrng in
 * bcryptprimitives.dll, which every supported Windows (10 and later) has
 * and Debian bookworm's Wine 8.0 lacks. `make windows-test` builds this
 * stand-in into the test's own Wine prefix only; it is never shipped. It
 * answers from RtlGenRandom (advapi32's SystemFunction036), which Wine has.
 */
#include <windows.h>
#define SystemFunction036 NTAPI SystemFunction036
#include <ntsecapi.h>
#undef SystemFunction036

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG chunk = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!RtlGenRandom(data, chunk))
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
