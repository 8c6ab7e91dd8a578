import ArgumentParser
import FacilityKit
import FacilityRegistry
import Foundation
import Planner
import Reports
import Rules

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the registry against a plan profile's targets and write a report.",
        discussion: """
            Evaluates every rule of the profile — coverage, per-capita supply, presence per admin unit, counts,
            per-facility conditions and mandates — and writes into the output folder:
              report.html   tables per admin unit, pass/fail, shortfall, citations and maps (open in a browser)
              report.md     the same tables in Markdown
              report.json   for machines (schema: Docs/schemas/check-report.schema.json)
              failures.gpkg the failing facilities and venues, uncovered residents, results per unit (QGIS)
            A rule that cannot be evaluated for lack of data says why, and is never counted as passed.
            Exit status: 0 when every target is met, 1 when any is missed or could not be evaluated.

            Profiles: GeoData/plans (huadu-2021-2030, lechang-2021-2030, national) or a YAML file of your own; the profile and rule-pack formats: GeoData/rules/README.md (all formats: Docs/formats/).

            Examples:
              lifecircle check --profile huadu-2021-2030 -o huadu-report
              lifecircle check --profile lechang-2021-2030 --as-of 2025-12-31 --lang en
              lifecircle check --profile my-district.yaml --rules ./my-rules -o report
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var profile: ProfileOptions
    @Option(name: .shortAndLong, help: ArgumentHelp("The folder for the report. Example: -o huadu-report",
                                                    valueName: "folder"))
    var output: String = "lifecircle-report"
    @Flag(help: "Print the results as JSON on stdout instead of a table.") var json = false

    func run() throws {
        let folder = try global.reportFolder(
            output, files: ["report.html", "report.md", "report.json", "failures.gpkg"], inputs: [profile.profileFile])
        let workspace = try Workspace(options: global)
        let job = try profile.job(workspace)
        let outcome = try job.run(writingTo: folder, language: global.lang) { Console.progress($0) }
        Console.endProgress()
        ProfileOptions.warn(outcome.report.dataWarnings, global.lang)

        if json {
            FileHandle.standardOutput.write(try outcome.report.renderJSON())
        } else {
            printSummary(outcome.result)
            let html = folder.appendingPathComponent("report.html").path
            print(global.lang == .zh ? "\n报告：\(html)（另有 report.md、report.json、failures.gpkg）"
                : "\nReport: \(html) (and report.md, report.json, failures.gpkg)")
        }
        if !outcome.result.allPassed { throw ExitCode(1) }
    }

    private func printSummary(_ result: CheckResult) {
        let zh = global.lang == .zh
        let lang = global.lang
        let rows = result.results.map { r -> [String] in
            let status = RuleText.status(r.status, lang)
            let measured = RuleText.value(r.measured, r.quantity)
            let target = r.target.map { step in
                RuleText.value(step.value, r.quantity) + (step.year.map { zh ? "（\($0)年）" : " (by \($0))" } ?? "")
            } ?? "—"
            return [r.rule.title.text(for: lang), status, measured, target]
        }
        print(result.profile.title.text(for: lang) + (zh ? "，截至 \(result.asOf)" : ", as of \(result.asOf)"))
        print(TextTable(header: zh ? ["目标", "结果", "现状", "目标值"] : ["target", "result", "measured", "target value"],
                        rows: rows).render(), terminator: "")
        let passed = result.results.filter { $0.status == .passed }.count
        let failed = result.results.filter { $0.status == .failed }.count
        let unknown = result.results.count - passed - failed
        print(zh ? "达标 \(passed) 项，未达标 \(failed) 项，无法评估 \(unknown) 项"
            : "\(passed) passed, \(failed) failed, \(unknown) not evaluable")
    }
}
