import Foundation

/// `digest init`: the files of a new, empty site. It uses the built-in templates, so a new site
/// has none of its own; `templates/README.md` says how to override one.
public enum SiteScaffold {
    public enum Failure: Error, Sendable, CustomStringConvertible {
        case notEmpty(String)
        case cannotWrite(String, String)
        public var description: String {
            switch self {
            case .notEmpty(let folder): return "\(folder): not empty; digest init writes a new site into an empty folder (--force writes into this one, replacing files of the same names)"
            case .cannotWrite(let path, let why): return "\(path): cannot write: \(why)"
            }
        }
    }

    /// Where the CI workflow gets PaperDigest's source to build `digest`, until the site says.
    public static let sourcePlaceholder = "https://github.com/OWNER/paperdigest.git"

    /// Writes the site into `folder` (made if missing) and returns the paths written, relative to it.
    /// `source` is the Git address of PaperDigest's source the CI workflow builds `digest` from.
    public static func create(in folder: String, force: Bool, source: String = sourcePlaceholder) throws(Failure) -> [String] {
        let fm = FileManager.default
        // A folder that only has a Git repository in it is empty enough.
        let existing = ((try? fm.contentsOfDirectory(atPath: folder)) ?? []).filter { $0 != ".git" }
        if !existing.isEmpty, !force { throw .notEmpty(folder) }
        for (path, text) in files {
            let full = folder + "/" + path
            do {
                try fm.createDirectory(atPath: FilePath.parent(of: full), withIntermediateDirectories: true)
                try AtomicFile.write(text.replacingOccurrences(of: sourcePlaceholder, with: source), to: full)
            } catch let error as AtomicFile.WriteError {
                throw .cannotWrite(full, error.reason)  // its description names the file already
            } catch {
                throw .cannotWrite(full, error.localizedDescription)
            }
        }
        return files.map(\.path)
    }

    public static let files: [(path: String, text: String)] = [
        ("digest.yml", config),
        ("content/listings/.gitkeep", ""),
        ("content/papers/.gitkeep", ""),
        ("templates/README.md", templatesReadme),
        (".gitignore", gitignore),
        (".github/workflows/digest.yml", workflow),
    ]

    static let config = """
        # PaperDigest site settings. Every setting is optional; the values shown are the defaults
        # unless said otherwise. `digest check` reports a setting it does not know.

        # The site's name, in every page's header and title, and in the feeds.
        title: Paper digest

        # One sentence for search engines and feed readers (default: none).
        # description: Papers our reading group read, with abstracts and links.

        # The address the site is published at, with its path. Feeds, the sitemap and canonical
        # links need it; every other link is relative, so the site works at any address.
        # `digest build --base-url URL` overrides it (the CI workflow passes GitHub Pages' address).
        # base_url: https://example.org/digest/

        # The language of the pages (<html lang>).
        language: en

        # Papers per page on the home page and tag pages.
        per_page: 25

        # What a listing's own text does not say, keyed by the listing's file name in
        # content/listings/. `digest ingest FILE --venue …` sets the same for one run.
        # listings:
        #   iclr-2024-session-6.txt:
        #     format: poster-session   # abstract-list, daily-papers or poster-session (default: detected)
        #     venue: ICLR 2024          # the venue of every paper in it
        #     session: Poster Session 6
        #     room: Halle B
        #     year: 2024                # the year of dates shown without one (`Sep 28`)

        """

    static let templatesReadme = """
        # Templates

        This site uses the templates built into `digest`. To change one, put a file of the same
        name here; the others stay built in. The templates are Mustache (swift-mustache):

        | file | renders |
        |---|---|
        | `layout.mustache` | the frame every page shares |
        | `site-head.mustache`, `site-header.mustache`, `site-footer.mustache` | its stylesheet and feed links, site header and footer (rendered once per link depth) |
        | `home.mustache` | `/` and `/page/N/` |
        | `paper.mustache` | `/papers/<id>/` |
        | `author.mustache`, `authors.mustache` | an author's page, the A–Z index |
        | `tag.mustache`, `tags.mustache` | a tag's pages, the tag index |
        | `source.mustache`, `sources.mustache` | a listing's page, the list of listings |
        | `search.mustache` | `/search/` |
        | `404.mustache` | `/404.html` |
        | `paper-item.mustache`, `paper-list.mustache`, `pagination.mustache` | partials |
        | `coauthor-item.mustache`, `related-item.mustache`, `author-link.mustache`, `tag-link.mustache`, `author-index-item.mustache` | one co-author, one related paper, one author of a byline, one tag (each rendered once and reused by every page that lists it), one author of the A–Z index |
        | `assets/…` | files copied to `public/assets/` (style.css, site.js, search.js) |

        Start from the built-in file: they are in PaperDigest's repository under `templates/`,
        with every variable each template receives listed in its `docs/templates.md`.
        `digest check` parses the templates here and names the file and line of an error;
        a build with a broken template leaves the previous site as it was.

        """

    static let gitignore = """
        # Built by `digest build`: published by CI, never committed.
        public/
        .digest-cache/
        # What a build leaves beside the site: the previous site (the next rebuild starts from
        # it), old sites being deleted, and a killed build's staging folder.
        .*.previous-*/
        .*.trash-*/
        .*.building-*/

        """

    /// Steps with an `id` run the site's own commands; `Tests/cli/init.sh` runs them locally.
    static let workflow = """
        # Ingest new listings, commit the records, build the site and publish it on GitHub Pages.
        # Runs when a listing is pushed, every Monday, and by hand (Actions → digest → Run workflow).
        # Pages must be set to "GitHub Actions" in the repository's settings.
        name: digest

        on:
          push:
            branches: [main]
            paths: ["content/listings/**", "content/papers/**", "templates/**", "digest.yml"]
          schedule:
            - cron: "17 6 * * 1"
          workflow_dispatch:

        permissions:
          contents: write
          pages: write
          id-token: write

        concurrency:
          group: digest
          cancel-in-progress: false

        env:
          # Where PaperDigest's source is (`digest init --digest-source URL` fills it in), and
          # which branch or tag of it to build.
          DIGEST_SOURCE: https://github.com/OWNER/paperdigest.git
          DIGEST_VERSION: main

        jobs:
          build:
            runs-on: ubuntu-24.04
            steps:
              - uses: actions/checkout@v4

              - name: Install libcmark and KaTeX
                run: sudo apt-get update && sudo apt-get install -y libcmark-dev libjs-katex

              - uses: swift-actions/setup-swift@v2
                with:
                  swift-version: "6.1"

              - uses: actions/cache@v4
                with:
                  path: ${{ runner.temp }}/paperdigest/.build
                  key: digest-${{ runner.os }}-${{ env.DIGEST_VERSION }}

              - name: Build digest
                id: install
                run: |
                  src="$RUNNER_TEMP/paperdigest"
                  [ -d "$src/.git" ] || git clone --depth 1 --branch "$DIGEST_VERSION" "$DIGEST_SOURCE" "$src"
                  swift build -c release --package-path "$src" --product digest
                  echo "$src/.build/release" >> "$GITHUB_PATH"

              # What the last run's build left (its caches and the site), so that this run's
              # build makes and writes only what changed: a record the checkout wrote anew with
              # the bytes it had is hashed, not parsed, and a site whose records all hold what
              # the last build read is left as it is.
              - uses: actions/cache@v4
                id: site
                with:
                  path: |
                    .digest-cache
                    public
                  key: site-${{ runner.os }}-${{ github.run_id }}
                  restore-keys: site-${{ runner.os }}-

              - name: Ingest listings
                id: ingest
                run: digest ingest

              - name: Commit new records
                id: commit
                run: |
                  git config user.name "digest"
                  git config user.email "digest@users.noreply.github.com"
                  git add content/papers
                  if git diff --cached --quiet; then echo "no new records"; else
                    git commit -m "Ingest listings: new and updated records"
                    git push
                  fi

              - uses: actions/configure-pages@v5
                id: pages

              - name: Check and build
                id: build
                env:
                  BASE_URL: ${{ steps.pages.outputs.base_url }}
                run: |
                  digest check
                  digest build --base-url "$BASE_URL/"

              - uses: actions/upload-pages-artifact@v3
                with:
                  path: public

          deploy:
            needs: build
            runs-on: ubuntu-24.04
            environment:
              name: github-pages
              url: ${{ steps.deployment.outputs.page_url }}
            steps:
              - uses: actions/deploy-pages@v4
                id: deployment

        """
}
