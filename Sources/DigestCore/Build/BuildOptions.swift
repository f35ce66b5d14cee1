public struct BuildOptions: Sendable {
    public var siteFolder: String
    /// Defaults to the site's `public/`.
    public var output: String?
    /// Overrides `base_url` from `digest.yml`.
    public var baseURL: String?
    public var linkStyle: SiteRenderer.LinkStyle
    /// Where Debian's libjs-katex puts KaTeX; copied into the site when present.
    public var katexFolder: String
    /// Render and write everything, ignoring what the last build left in `.digest-cache/`.
    public var clean = false
    /// Threads by default; `digest build` renders in one process per core (`Workers`).
    public var workers: Workers = .threads
    /// Told what the build is doing, as a line to show until the next one: each stage as it
    /// starts (`relating 100000 papers`), and now and then how far the pages are (`rendering
    /// 7% of 26950 pages`). The CLI shows it on a terminal only.
    public var progress: (@Sendable (String) -> Void)?
    /// The process ends with the build (`digest build`): what the build holds in memory is
    /// left to the system to take back at exit instead of being freed object by object.
    public var processEndsAfter = false
    /// A process that goes on after the build (`digest serve`): what the build held is kept in
    /// these, for the caller to let go of after it (`Leftovers.letGoInBackground`).
    public var leftovers: Leftovers?
    /// The records' stamps as the caller keeps them (`digest serve`, told of every change):
    /// taken instead of a stat of every record. They must be the files' stamps as they are: a
    /// record changed since would be built as it was.
    public var records: RecordStamps?

    public init(siteFolder: String, output: String? = nil, baseURL: String? = nil,
                linkStyle: SiteRenderer.LinkStyle = .pretty, katexFolder: String = "/usr/share/javascript/katex") {
        self.siteFolder = siteFolder
        self.output = output
        self.baseURL = baseURL
        self.linkStyle = linkStyle
        self.katexFolder = katexFolder
    }
}

extension BuildOptions {
    /// What the build held, at its end: left to the process's exit (`ProcessEnd`) or to the
    /// caller (`leftovers`), else freed here, one object at a time, as the build's scope ends.
    func keepPastEnd(_ values: Any...) {
        if processEndsAfter { ProcessEnd.keep(values) } else { leftovers?.keep(values) }
    }
}
