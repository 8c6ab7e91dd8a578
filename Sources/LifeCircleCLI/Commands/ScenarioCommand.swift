import ArgumentParser
import FacilityKit
import Foundation
import Planner
import Reports
import Rules

struct ScenarioCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenario",
        abstract: "Compare a what-if scenario (add, move, close, update, candidate sites) with the registry as it is.",
        discussion: """
            Applies the scenario's changes to a temporary copy of the registry (yours is not written), runs
            the same check on both (same profile, same --as-of date) and writes into the output folder:
              scenario.html   what changes; every target before and after, changes first
              scenario.md     the same tables in Markdown
              scenario.json   for machines
              scenario.gpkg   the facilities added, moved, closed or updated (column `change`)
            Coverage shares at the profile's distances are among the targets. Exit status 0.

            A scenario file (YAML) lists changes — add, move, close or update a facility — and optionally \
            candidate sites of which the best are added. The format, with a complete example: \
            Docs/formats/scenario.md.

            Examples:
              lifecircle scenario new-childcare.yaml --profile huadu-2021-2030 -o report
              lifecircle scenario toilets.yaml --profile national --as-of 2025-12-31 --json
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The scenario file (YAML). Example: new-childcare.yaml", valueName: "file"))
    var file: String
    @OptionGroup var profile: ProfileOptions
    @Option(
        name: .shortAndLong,
        help: ArgumentHelp(
            "The folder for the report. Example: -o scenario-report",
            valueName: "folder"))
    var output: String = "lifecircle-scenario"
    @Flag(help: "Print the comparison as JSON on stdout instead of a table.") var json = false

    func run() throws {
        let folder = try global.reportFolder(
            output, files: ["scenario.html", "scenario.md", "scenario.json", "scenario.gpkg"],
            inputs: [file, profile.profileFile])
        let workspace = try Workspace(options: global)
        let check = try profile.job(workspace)
        guard FileManager.default.fileExists(atPath: file) else {
            throw CommandFailure("\(file): no such scenario file", exitCode: ExitStatus.noInput)
        }
        let scenario = try Scenario(contentsOf: URL(fileURLWithPath: file), plugins: check.plugins)
        let outcome = try ScenarioJob(check: check, scenario: scenario).run(writingTo: folder, language: global.lang) {
            Console.progress($0)
        }
        Console.endProgress()
        ProfileOptions.warn(outcome.report.base.dataWarnings, global.lang)

        if json {
            FileHandle.standardOutput.write(try outcome.report.renderJSON())
            return
        }
        let lang = global.lang
        let zh = lang == .zh
        let rows = outcome.report.diffs.map { diff -> [String] in
            [
                diff.before.rule.title.text(for: lang), RuleText.value(diff.before.measured, diff.before.quantity),
                RuleText.value(diff.after.measured, diff.after.quantity), change(diff),
                RuleText.status(diff.before.status, global.lang) + " → " + RuleText.status(diff.after.status, global.lang),
            ]
        }
        print(outcome.report.title.text(for: lang) + (zh ? "，截至 \(check.asOf)" : ", as of \(check.asOf)"))
        print(
            TextTable(
                header: zh ? ["目标", "现状", "情景", "变化", "结果"] : ["target", "before", "after", "change", "result"],
                rows: rows
            ).render(), terminator: "")
        let html = folder.appendingPathComponent("scenario.html").path
        print(
            zh
                ? "\n报告：\(html)（另有 scenario.md、scenario.json、scenario.gpkg）"
                : "\nReport: \(html) (and scenario.md, scenario.json, scenario.gpkg)")
    }

    private func change(_ diff: ScenarioReport.RuleDiff) -> String {
        guard let change = diff.change else { return "—" }
        let sign = change > 0 ? "+" : ""
        return switch diff.before.quantity {
        case .share: sign + plainNumber(change * 100, digits: 1) + (global.lang == .zh ? " 个百分点" : " pp")
        case .perCapita: sign + plainNumber(change, digits: 2)
        case .count: sign + plainNumber(change, digits: 0)
        }
    }
}
