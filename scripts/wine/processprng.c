/* Stand-in for bcryptprimitives.dll under Wine 8, which lacks ProcessPrng.
 *
 * Rust's standard library asks ProcessPrng for random bytes as soon as a program starts
 * (hash maps are seeded with them). Debian's Wine 8 does not export that function, so every
 * Rust program would stop at start. This DLL exports ProcessPrng and answers it with
 * advapi32's SystemFunction036 (RtlGenRandom), which Wine has. It is used only for running
 * the tests and the installer check under Wine; it is never shipped. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
