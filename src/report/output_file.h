// Writes a rendered report to the file the user named, atomically: the bytes
// go to a temporary file beside it (same directory, so the rename cannot
// cross file systems), are flushed to disk, and the temporary file is renamed
// over the target. A reader sees the old file or the whole new one, never a
// partial report; on any failure the temporary file is removed and nothing
// else is touched.
#pragma once

#include <string>
#include <string_view>

namespace ballast::report {

// Throws InputError ("cannot write PATH: reason") when the directory is
// missing or not writable, the disk is full, or PATH is a directory.
// keep_mode: a file that exists keeps its permission bits (a Dockerfile
// rewritten by `ballast fix --write`); else 0666 less the umask.
void write_file_atomically(const std::string& path, std::string_view contents, bool keep_mode = false);

}  // namespace ballast::report
