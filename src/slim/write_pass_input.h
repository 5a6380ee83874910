// The input image as slim's write pass reads it, once the analysis has read
// it: the write pass copies the kept base layers and reads the layers above
// them again, so every input is read twice, and never saved to disk.
//  - a file or directory is resolved again;
//  - an engine image (docker-daemon:, a bare NAME:TAG) is read again from
//    the engine's `docker save` stream of the image ID the analysis read
//    (image/engine/saved_layers.h), each layer found by its member path;
//  - a registry image (docker://) is resolved again and its blobs fetched
//    again (each copied base blob is checked against its digest).
// Either way it must be the image the analysis read: the same config bytes
// (for the engine, the same image ID), else InputError.
#pragma once

#include "analysis/analyze.h"
#include "image/image_model.h"
#include "image/image_reference.h"
#include "image/resolved_image.h"

namespace ballast::slim {

struct WritePassInput {
  image::ResolvedImage image;
  // The layers share one stream (the engine's): read one at a time.
  bool one_reader = false;
};

// `request` is the analysis' request, `analyzed` what it read.
WritePassInput open_write_pass_input(const image::ImageReference& ref, const analysis::AnalyzeRequest& request,
                                     const image::ImageModel& analyzed);

// The AnalyzeRequest slim's analysis pass needs for `ref` (from the user's):
// an engine image is read as its save stream, whose members the write pass
// finds again (the layer directories' walk order need not be the tar's).
// Throws InputError for an input that cannot be read twice (stdin).
analysis::AnalyzeRequest analysis_pass_request(const image::ImageReference& ref, analysis::AnalyzeRequest request);

}  // namespace ballast::slim
