import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// File work shared by backup and restore. Uploads are content-addressed (`ab/cd/<sha256>`)
/// and never change once written, so copying a file under its name is always correct, and
/// a file already present under the same name (and size) already holds the same bytes.
enum UploadsCopy {
    struct Result: Sendable, Equatable {
        var copied = 0
        var present = 0
    }

    /// Relative paths of the stored files under `folder`, skipping the dot-named temporary
    /// files `AttachmentStore` writes before renaming.
    static func files(in folder: String) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return [] }
        var result: [String] = []
        while let relative = walker.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix(".") { continue }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + "/" + relative, isDirectory: &isDirectory), !isDirectory.boolValue {
                result.append(relative)
            }
        }
        return result.sorted()
    }

    /// Copies every stored file of `source` into `target` that `target` lacks. Each file is
    /// written under a temporary name, synced and renamed, so `target` never shows half a file.
    static func merge(from source: String, into target: String) throws -> Result {
        var result = Result()
        let fm = FileManager.default
        for relative in files(in: source) {
            let from = source + "/" + relative, to = target + "/" + relative
            if let size = fileSize(to), size == fileSize(from) {
                result.present += 1
                continue
            }
            let folder = (to as NSString).deletingLastPathComponent
            try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let temp = folder + "/." + (relative as NSString).lastPathComponent + "." + UUID().uuidString + ".tmp"
            try fm.copyItem(atPath: from, toPath: temp)
            try sync(temp)
            guard rename(temp, to) == 0 else {
                try? fm.removeItem(atPath: temp)
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: to])
            }
            result.copied += 1
        }
        return result
    }

    static func fileSize(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int
    }

    /// fsync of a file or a folder: a rename is durable only once its folder is synced.
    static func sync(_ path: String) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: path]) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
    }
}

extension AttachmentStore {
    /// A store over any uploads folder, e.g. the copy inside a backup.
    init(directory: String) { self.directory = directory; writes = .joined }
}
