/** The shell's cookies; over HTTPS they carry the __Host- prefix (no Domain, path /, Secure). */
export function shellCookies(secure: boolean) {
  return {
    session: secure ? '__Host-sid' : 'sid',
    login: secure ? '__Host-login' : 'login',
    device: secure ? '__Host-device' : 'device',
    base: { httpOnly: true, sameSite: 'Strict', secure, path: '/' } as const,
  };
}

export type ShellCookies = ReturnType<typeof shellCookies>;
