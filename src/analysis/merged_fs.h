// Applies the layers in order, as the engine does (OCI image-spec layer.md):
// whiteouts and opaque markers act on the layers below, then the layer's
// entries are added. Produces the final filesystem, every stored-but-hidden
// byte with its reason, and dive's per-path metrics (which need the lower
// tree at each whiteout).
#pragma once

#include "image/image_model.h"

namespace ballast::analysis {

// Reads model.tables and model.layers; fills final_files, reclaimable
// (overwrites not yet split into same-content rewrites: see
// content_hasher.h), per-layer files_size/file_count/reclaimable, dive and
// warnings. Throws InputError for hardlinks to nowhere.
void merge_layers(image::ImageModel& model);

}  // namespace ballast::analysis
