// An image stored where docker load cannot take it (an OCI layout or OCI
// archive, a registry: docker load of the engines we test reads
// docker-archives only) as an OutputImage whose blobs are read from where
// they are stored, so `slim --verify` streams it into docker load as a
// docker-archive (image_output.h) without a copy on disk. The config keeps
// its bytes, so the engine gives it the same image ID.
#pragma once

#include "image/resolved_image.h"
#include "slim/image_output.h"

namespace ballast::slim {

// Throws InputError when a layer states no digest (docker-archive and
// engine-stream layers, which have their own loads).
OutputImage loadable_image(const image::ResolvedImage& image);

}  // namespace ballast::slim
