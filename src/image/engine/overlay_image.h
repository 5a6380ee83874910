// The fast local path for `docker-daemon:`: when the engine keeps images with
// its overlay2 storage driver and its data root is readable (ballast runs as
// root on the engine's host), each layer is read as the directory the driver
// keeps, not as a tar the engine serializes and sends through its socket.
//
// The data root's layout (moby's image and layer stores, stable since 1.10):
//   image/overlay2/imagedb/content/sha256/<image id hex>   the config, as stored
//   image/overlay2/layerdb/sha256/<chain id hex>/diff      the layer's diff ID
//                                               /cache-id  its overlay2 directory
//                                               /tar-split.json.gz  the tar's layout
//   overlay2/<cache-id>/diff                                the layer's files
// Chain IDs are OCI image-spec config.md's ChainID: the first is the first diff
// ID, then sha256(previous + " " + diff ID). tar-split (github.com/vbatts/
// tar-split, what the engine uses to give `docker save` the layer's exact
// original tar) records every header and padding byte and every file's size, so
// summing it gives the tar's exact size without building the tar.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "image/stream_archive.h"

namespace ballast::image::engine {

struct OverlayImage {
  std::string data_root;  // DockerRootDir
  std::string image_id;   // "sha256:<hex>"
  std::vector<std::string> diff_ids;
};

// The image read from its layer directories, or nullopt with `*why` when
// this engine's store cannot be read that way (another driver, not root,
// a layout this code does not know). Throws InputError only for damage found
// after the store was recognised (a config whose digest is not its ID).
// `shown` names the image in messages and the report.
std::optional<StreamedImage> read_overlay_image(const OverlayImage& where, const std::string& shown,
                                                const StreamReadOptions& options, std::string* why);

// Σ of what a tar-split.json.gz records: the exact byte size of the layer's
// tar. Exposed for tests.
std::uint64_t tar_split_size(const std::string& gzipped, const std::string& name);

}  // namespace ballast::image::engine
