import Foundation

struct ProcessResult {
    var stdout: String
    var stderr: String
    var status: Int32
}

/// Runs programs (the sitesnap binary, tar, mariadb, php) and captures their output.
enum ProcessRunner {
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                    stdinFile: String? = nil, currentDirectory: String? = nil) throws -> ProcessResult {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        if let environment { p.environment = environment }
        if let currentDirectory { p.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
        let dir = TestEnvironment.makeTempDir("proc")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        FileManager.default.createFile(atPath: dir + "/out", contents: nil)
        FileManager.default.createFile(atPath: dir + "/err", contents: nil)
        let out = FileHandle(forWritingAtPath: dir + "/out")!
        let err = FileHandle(forWritingAtPath: dir + "/err")!
        p.standardOutput = out
        p.standardError = err
        if let stdinFile { p.standardInput = FileHandle(forReadingAtPath: stdinFile) } else { p.standardInput = FileHandle.nullDevice }
        try p.run()
        p.waitUntilExit()
        try out.close()
        try err.close()
        return ProcessResult(stdout: (try? String(contentsOfFile: dir + "/out", encoding: .utf8)) ?? "",
                             stderr: (try? String(contentsOfFile: dir + "/err", encoding: .utf8)) ?? "",
                             status: p.terminationStatus)
    }

    /// Runs a shell command line.
    @discardableResult
    static func shell(_ command: String) throws -> ProcessResult {
        try run("/bin/bash", ["-c", command])
    }

    /// Runs the sitesnap binary.
    @discardableResult
    /// Runs from `/` so that nothing depends on the working folder (profiles are found beside the binary).
    static func sitesnap(_ arguments: [String], environment extra: [String: String] = [:]) throws -> ProcessResult {
        var env = ProcessInfo.processInfo.environment
        for (k, v) in extra { env[k] = v }
        return try run(TestEnvironment.binary, arguments, environment: env, currentDirectory: "/")
    }
}
