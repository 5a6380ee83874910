// Reads one layer that is a directory on disk rather than a tar: the `diff`
// directory the engine's overlay2 driver keeps per layer. A stat walk (no tar
// serialization, no pipe) that yields the same LayerReadResult the tar reader
// gives for the tar the engine would write of that directory:
//  - names visited in byte order, as Go's filepath.Walk (and so `docker save`)
//    visits them; the first name of a multiply-linked inode is the file, later
//    names are hardlinks to it;
//  - overlayfs whiteouts (a character device 0/0) become whiteout entries and a
//    directory with the xattr trusted.overlay.opaque="y" is followed by an
//    opaque marker, as the engine's overlay whiteout conversion writes them;
//  - sockets are left out (a tar cannot hold them; the engine skips them).
// Nothing is followed: symlinks are read as links, every open is O_NOFOLLOW
// relative to its parent directory, so a link cannot lead the walk outside.
#pragma once

#include <string>

#include "image/layer_reader.h"

namespace ballast::image {

// `name` is used in messages. Throws InputError when the directory or an
// entry in it cannot be read.
LayerReadResult read_layer_directory(const std::string& dir, const std::string& name,
                                     const LayerReadOptions& options);

}  // namespace ballast::image
