public import Hummingbird

extension ConsoleSessions {
    /// The `ferry_session` cookie of `session`: HttpOnly, Secure, SameSite=Strict, for the
    /// whole site, ending with the session.
    public static func cookie(for session: ConsoleSession) -> Cookie {
        Cookie(name: cookieName, value: session.id, expires: session.expires, path: "/", secure: true, httpOnly: true, sameSite: .strict)
    }

    /// A cookie that removes `ferry_session` from the browser.
    public static var signedOutCookie: Cookie {
        Cookie(name: cookieName, value: "", maxAge: 0, path: "/", secure: true, httpOnly: true, sameSite: .strict)
    }
}
