import Dispatch
import Foundation
import Glibc

/// Wall-clock seconds of `body`, on the monotonic clock.
func timed<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> (value: T, seconds: Double) {
    let start = DispatchTime.now().uptimeNanoseconds
    let value = try body()
    let end = DispatchTime.now().uptimeNanoseconds
    return (value, Double(end - start) / 1e9)
}

/// The median of `values` (the mean of the middle two for an even count); 0 for none.
func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    let mid = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/// The process's peak resident set so far (getrusage `ru_maxrss`, kilobytes on Linux), in bytes.
func peakResidentBytes() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Int(usage.ru_maxrss) * 1024
}

/// CPU seconds the process has used so far, all threads, user and system (getrusage).
func processCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

/// The process's resident set now (`/proc/self/statm`), in bytes; 0 where it cannot be read.
func currentResidentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}

/// Progress and notes for the person running the benchmark: stderr, so stdout stays machine-readable.
func note(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

