// slim(): `ballast slim IMAGE -o OUT` as one library call (docs/slim.md).
// Analyzes the image, plans what to keep (slim_plan.h), checks the output
// can be written (it must not exist unless forced, and its file system must
// have room for the upper bound of what is written), then writes the kept
// base layers byte for byte and one new layer squashed from the layers above
// them (or, keep_layers, each of them rewritten on its own, several at
// once), streaming every file's contents from the input, and the config with
// its history rewritten. Knows no command line.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analysis/analyze.h"
#include "image/compression.h"
#include "slim/output_target.h"
#include "slim/slim_plan.h"

namespace ballast::slim {

struct SlimRequest {
  analysis::AnalyzeRequest analyze;  // the image and how to read it
  std::string output;                // OUT, in output_target.h's syntax
  std::string tag;                   // NAME:TAG for docker-archive RepoTags / the OCI ref name
  bool force = false;                // replace an existing OUT
  bool squash_all = false;           // keep no base layer
  bool keep_layers = false;          // rewrite each layer above the base on its own instead of squashing
  unsigned threads = 0;              // layers written at once with keep_layers; 0: the cores
  image::Compression compression = image::Compression::kGzip;
  int level = -1;                    // compressor level; -1: its default
  std::optional<std::int64_t> mtime; // normalize the new layer's times to this
  DropRules drop;
};

struct SlimResult {
  OutputTarget target;
  std::string image_id;      // sha256 of the new config
  std::size_t input_layers = 0;
  int base_layers = 0;
  std::uint64_t input_blob_bytes = 0;   // layers as stored, input
  std::uint64_t output_blob_bytes = 0;  // layers as stored, output
  struct NewLayer {
    std::string digest, diff_id;
    std::uint64_t tar_bytes = 0;  // uncompressed
  };
  std::vector<NewLayer> new_layers;     // the layers written above the base (one when squashed)
  std::string history_line;             // the history row's created_by
  std::string repo_tag;                 // docker-archive RepoTags written ("" when none)
  SlimPlan plan;
  std::vector<std::string> notes;       // what the user should know (OS databases, base bytes)
};

// Throws InputError for bad input or an output that cannot be written.
SlimResult slim(const SlimRequest& request);

}  // namespace ballast::slim
