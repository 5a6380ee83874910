// Compose's variable interpolation (the Compose specification's
// "Interpolation" section): $$, $VAR, ${VAR}, ${VAR:-default},
// ${VAR-default}, ${VAR:?err}, ${VAR?err}, ${VAR:+alt}, ${VAR+alt}, with
// nested substitutions in the default/alternative. Values only, never keys.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "compose/node.h"

namespace ballast::compose {

using Environment = std::map<std::string, std::string, std::less<>>;

// Throws InputError "`where`: ..." for an invalid template or a required
// variable that is unset (`?`) or unset/empty (`:?`).
std::string interpolate(std::string_view text, const Environment& env, const std::string& where);

// Every scalar of the tree, in place.
void interpolate_tree(Node& node, const Environment& env);

// A `.env` file: KEY=VALUE lines, `#` comments, optional `export `, values in
// matching single or double quotes unquoted. Throws InputError "file:line: ...".
Environment parse_env_file(const std::string& text, const std::string& file);

}  // namespace ballast::compose
