/// The HTML report's look and script policy, for other pages that should look and be locked down
/// like it (`rampart serve`'s dashboard): its stylesheet, and a Content-Security-Policy that lets
/// only a page's own inline script and style apply, by SHA-256 hash (no `'unsafe-inline'`).
public enum HTMLReportStyle {
    /// The report's stylesheet (header, sections, tables, status badges `st st-FAIL`, severities `sev-high`).
    public static var stylesheet: String { HTMLAssets.style }

    /// Nothing may load or connect; only `script` and `style` (the exact inline texts) may run or
    /// apply. `formAction` is `'none'` unless the page submits a form (the dashboard's uses `'self'`).
    public static func contentSecurityPolicy(script: String, style: String, formAction: String = "'none'") -> String {
        let scriptHash = SHA256.base64(SHA256.digest(script))
        let styleHash = SHA256.base64(SHA256.digest(style))
        return "default-src 'none'; script-src 'sha256-\(scriptHash)'; style-src 'sha256-\(styleHash)'; img-src 'none'; "
            + "connect-src 'none'; font-src 'none'; media-src 'none'; object-src 'none'; frame-src 'none'; "
            + "base-uri 'none'; form-action \(formAction)"
    }
}
