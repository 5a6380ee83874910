#include "dockerfile/dump.h"

#include "util/go_text.h"

namespace ballast::dockerfile {
namespace {

void append_instruction(std::string& out, const Instruction& inst) {
  std::string body = inst.keyword;
  if (!inst.flags.empty()) {
    body += " [";
    for (std::size_t i = 0; i < inst.flags.size(); ++i) {
      if (i > 0) body += ' ';
      body += go_text::quote(inst.flags[i]);
    }
    body += ']';
  }
  if (inst.onbuild) {
    body += " (";
    append_instruction(body, *inst.onbuild);
    body += ')';
  } else if (!is_known_keyword(inst.keyword)) {
    body += " \"\"";  // BuildKit's parseIgnore leaves one empty node
  } else {
    for (const std::string& arg : inst.args) {
      body += ' ';
      body += go_text::quote(arg);
    }
  }
  // Node.Dump trims: an empty keyword leaves no leading blank.
  std::size_t start = 0;
  while (start < body.size() && body[start] == ' ') ++start;
  out.append(body, start, std::string::npos);
}

}  // namespace

std::string dump_instruction(const Instruction& inst) {
  std::string out = "(";
  append_instruction(out, inst);
  out += ')';
  return out;
}

std::string dump(const ParsedDockerfile& parsed) {
  std::string out;
  for (const Instruction& inst : parsed.instructions) {
    out += dump_instruction(inst);
    out += '\n';
  }
  return out;
}

}  // namespace ballast::dockerfile
