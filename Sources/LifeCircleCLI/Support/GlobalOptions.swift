public import ArgumentParser
import FacilityKit

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
}

extension ReportLanguage: ExpressibleByArgument {}
