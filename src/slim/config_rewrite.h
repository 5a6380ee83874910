// The slim image's config: the input's JSON with every field carried over
// (env, entrypoint, cmd, user, labels, healthcheck, and any the reader does
// not know), only rootfs.diff_ids and history rewritten. The history rows
// of the squashed layers stay, marked empty_layer (they no longer make a
// layer of their own), and one row at the end makes the new layer and says
// what ballast removed (with keep_layers every row keeps its layer and the
// row at the end is an empty_layer one). Nothing depends on the clock, so the same input
// gives the same image ID.
#pragma once

#include <string>
#include <vector>

namespace ballast::slim {

struct ConfigEdit {
  int base_layers = 0;                 // layers kept: their history rows stay as they are
  bool keep_layers = false;            // every layer rewritten in place: all rows stay, the new row makes no layer
  std::vector<std::string> diff_ids;   // the output's, in order
  std::string created_by;              // the new row's
  std::string comment;
};

// Throws InputError when `config_json` is not a JSON object.
std::string rewrite_config(const std::string& config_json, const ConfigEdit& edit);

}  // namespace ballast::slim
