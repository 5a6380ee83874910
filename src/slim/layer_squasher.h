// The second pass of `ballast slim`: reads the layers above the base again,
// in order, and writes the entries the plan keeps into one tar (or, with
// --keep-layers, each layer's into its own), each header
// copied from the input entry (mode, owner, times, xattrs such as
// security.capability, device numbers, names of owners) and its contents
// streamed block by block to the sink. The synthetic whiteouts, opaque
// markers and directories come first. Entries are matched to the analysis'
// layer tables by position, and each position is checked by path.
#pragma once

#include <cstdint>
#include <optional>

#include "image/image_model.h"
#include "image/resolved_image.h"
#include "slim/blob_sink.h"
#include "slim/slim_plan.h"

namespace ballast::slim {

struct SquashOptions {
  // --normalize-times: every mtime of the new layer (atime/ctime dropped).
  std::optional<std::int64_t> mtime;
};

void write_squashed_layer(const image::ResolvedImage& input, const image::ImageModel& model,
                          const SlimPlan& plan, BlobSink& sink, const SquashOptions& options);

// --keep-layers: input layer `layer` (above the base) alone, its kept
// entries into one tar; the first layer above the base also gets the
// synthetic entries. Safe to run for different layers at once (each reads
// its own blob through its own reader).
void write_kept_layer(const image::ResolvedImage& input, const image::ImageModel& model, const SlimPlan& plan,
                      int layer, BlobSink& sink, const SquashOptions& options);

}  // namespace ballast::slim
