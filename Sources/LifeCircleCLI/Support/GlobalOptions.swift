public import ArgumentParser
import FacilityKit
import Foundation

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The registry GeoPackage. Example: --registry huadu.gpkg", valueName: "path"))
    var registry: String = "registry.gpkg"

    @Option(name: .long, help: ArgumentHelp(
        "A folder of manifest plugins (*.yaml) to load besides the bundled ones and GeoData/plugins. "
            + "Example: --plugins ./my-plugins", valueName: "dir"))
    var plugins: String?

    @Option(name: .long, help: ArgumentHelp(
        "The language of tables and reports: zh (default) or en. Example: --lang en", valueName: "zh|en"))
    var lang: ReportLanguage = .zh

    @Option(name: .long, help: ArgumentHelp(
        "Who makes the changes, for the audit (default: your login name). Example: --user 卫健局张三",
        valueName: "name"))
    var user: String?

    /// The name the audit records for this run's changes: `--user`, else the login name.
    var auditUser: String { user ?? LoginName.current }
}

/// The login name of whoever runs lifecircle: $LOGNAME as the login set it, else the password entry of
/// the real user id (getpwuid), else $USER.
enum LoginName {
    static var current: String {
        let environment = ProcessInfo.processInfo.environment
        if let name = environment["LOGNAME"], !name.isEmpty { return name }
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name, let text = String(validatingCString: name),
            !text.isEmpty
        {
            return text
        }
        if let name = environment["USER"], !name.isEmpty { return name }
        return "uid \(getuid())"
    }
}

extension ReportLanguage: ExpressibleByArgument {}
