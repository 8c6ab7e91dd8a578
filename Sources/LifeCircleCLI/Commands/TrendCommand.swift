import ArgumentParser
import FacilityKit
import FacilityRegistry
import Foundation
import Planner
import Reports
import Rules

struct TrendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trend",
        abstract: "Follow a plan profile's indicators year by year, project them to the target years, and warn.",
        discussion: """
            Reads the registry as of 31 December of every year of --years (the
            current year as of today; later years are projected, not measured),
            evaluates the profile's rules as `lifecircle check` does, fits a
            least-squares line through each indicator's evaluable years and
            projects it to every target year of the rule (e.g. 2025 and 2030).
            A warning is raised where the projection falls short of the target,
            or where the target year has passed and the latest value is still
            below it. Facilities count in a year by their opening and closing
            dates (import them with an `opened` or `开放日期` column).

            Writes into the output folder:
              trend.html  warnings first, values by year, one chart per indicator
              trend.md    the same tables in Markdown
              trend.json  for machines (same inputs, same bytes)
            Exit status: 0 when no warning is raised, 1 when any is.

            Examples:
              lifecircle trend --profile national --years 2021..2030 -o trend
              lifecircle trend --profile huadu-2021-2030 --years 2021..2030 --lang en
              lifecircle trend --profile lechang-2021-2030 --years 2022..2025 --json
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var profile: ProfileOptions
    @Option(
        help: ArgumentHelp(
            "The years to follow, first..last (at least the first one not after this year). Example: --years 2021..2030",
            valueName: "first..last"))
    var years: String
    @Option(
        name: .shortAndLong,
        help: ArgumentHelp(
            "The folder for the report. Example: -o national-trend",
            valueName: "folder"))
    var output: String = "lifecircle-trend"
    @Flag(help: "Print trend.json on stdout instead of a table.") var json = false

    func validate() throws {
        if profile.asOf != nil {
            throw ValidationError(
                "--as-of does not apply to trend: every year is read as of 31 December (the current year as of today); "
                    + "choose the years with --years")
        }
        _ = try Self.parseYears(years)
    }

    /// `2021..2030` (also `2021...2030` and `2021-2030`), first ≤ last, years 2000–2100.
    static func parseYears(_ text: String) throws -> ClosedRange<Int> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let separators = ["...", "..", "–", "-"]
        guard let separator = separators.first(where: { trimmed.contains($0) }) else {
            throw ValidationError("--years '\(text)' is not a range of years like 2021..2030")
        }
        let parts = trimmed.components(separatedBy: separator)
        guard parts.count == 2, let first = Int(parts[0].trimmingCharacters(in: .whitespaces)),
            let last = Int(parts[1].trimmingCharacters(in: .whitespaces))
        else {
            throw ValidationError("--years '\(text)' is not a range of years like 2021..2030")
        }
        guard (2000...2100).contains(first), (2000...2100).contains(last) else {
            throw ValidationError("--years '\(text)': years must lie between 2000 and 2100")
        }
        guard first < last else {
            throw ValidationError(
                "--years '\(text)': the first year must come before the last (a trend needs two years)")
        }
        return first...last
    }

    func run() throws {
        let folder = try global.reportFolder(
            output, files: ["trend.html", "trend.md", "trend.json"], inputs: [profile.profileFile])
        let workspace = try Workspace(options: global)
        let range = try Self.parseYears(years)
        let job: TrendJob
        do {
            job = try TrendJob(check: try profile.job(workspace), years: range, today: CivilDate.today)
        } catch let error as TrendError {
            throw CommandFailure("--years \(years): \(error)", exitCode: ExitStatus.usage)
        }
        let outcome = try job.run(writingTo: folder, language: global.lang) { Console.progress($0) }
        Console.endProgress()
        ProfileOptions.warn(outcome.report.dataWarnings, global.lang)

        let report = outcome.report
        if json {
            FileHandle.standardOutput.write(try report.renderJSON())
        } else {
            let zh = global.lang == .zh
            print(
                report.profile.title.text(for: global.lang)
                    + (zh
                        ? "，\(range.lowerBound)—\(range.upperBound) 年（实测至 \(report.measuredOn)）"
                        : ", \(range.lowerBound)–\(range.upperBound) (measured up to \(report.measuredOn))"))
            let table = report.textTable(language: global.lang)
            print(TextTable(header: table.header, rows: table.rows).render(), terminator: "")
            let warned = report.warnings.count, unassessed = report.unassessed.count
            print(
                zh
                    ? "预警 \(warned) 项，无法评估或推算 \(unassessed) 项，共 \(report.indicators.count) 项指标"
                    : "\(warned) warnings, \(unassessed) not assessed, \(report.indicators.count) indicators")
            let html = folder.appendingPathComponent("trend.html").path
            print(zh ? "\n报告：\(html)（另有 trend.md、trend.json）" : "\nReport: \(html) (and trend.md, trend.json)")
        }
        if !report.warnings.isEmpty { throw ExitCode(1) }
    }
}
