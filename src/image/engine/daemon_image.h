// `docker-daemon:NAME[:TAG|@DIGEST]` (and a bare NAME or image ID that is not
// a file): the image as the local engine holds it, read through its API.
//   GET /images/{name}/json  the image ID and its layers' diff IDs (so a
//                            missing image is one clear error before any
//                            transfer, and progress knows the layer count)
//   GET /images/{id}/get     the `docker save` stream of that ID, read by
//                            read_image_stream() as it arrives; never on disk
// Asking for the ID pins the image: a tag moved in between cannot mix two.
#pragma once

#include <string>

#include "image/stream_archive.h"

namespace ballast::image::engine {

// `reference` is what follows "docker-daemon:". `implicit`: the user wrote a
// bare name that was not a file, and errors say both ("no such file and ...").
StreamedImage read_daemon_image(const std::string& reference, bool implicit,
                                const StreamReadOptions& options);

}  // namespace ballast::image::engine
