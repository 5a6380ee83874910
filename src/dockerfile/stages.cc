// Mirrors the first pass of BuildKit's dockerfile2llb (Dockerfile2LLB /
// toDispatchState): global ARGs are expanded in order with earlier globals and
// the automatic platform args, --build-arg values replace defaults; FROM is
// expanded with that global scope only; inside a stage, ARG takes the
// build-arg, else its expanded default, else the global of the same name, and
// ENV values are expanded with what is in force. COPY --from / --mount=from=
// are resolved as toCommand does: a decimal is a stage index, anything else a
// stage name (case-insensitive, any stage of the file) or else an image.
#include "dockerfile/stages.h"

#include <functional>
#include <unordered_map>

#include "dockerfile/mount.h"
#include "dockerfile/shell_lex.h"
#include "util/go_text.h"
#include "util/utf8.h"
#include "util/error.h"

namespace ballast::dockerfile {
namespace {

// strconv.Atoi: optional sign, decimal digits, nothing else.
std::optional<long> parse_index(std::string_view s) {
  std::size_t pos = 0;
  bool negative = false;
  if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) negative = s[pos++] == '-';
  if (pos == s.size() || s.size() - pos > 9) return std::nullopt;
  long v = 0;
  for (; pos < s.size(); ++pos) {
    if (s[pos] < '0' || s[pos] > '9') return std::nullopt;
    v = v * 10 + (s[pos] - '0');
  }
  return negative ? -v : v;
}

struct Expanded {
  std::string text;
  std::string error;
  std::vector<std::string> unmatched;
};

Expanded expand_or_keep(const std::string& raw, const Env& env, char escape) {
  Expanded out;
  LexOptions options;
  options.escape = escape;
  try {
    Expansion e = expand(raw, env, options);
    out.text = std::move(e.word);
    out.unmatched = std::move(e.unmatched);
  } catch (const ShellError& err) {
    out.text = raw;
    out.error = err.what();
  }
  return out;
}

struct PendingRef {
  int stage;
  StageRef ref;
};

}  // namespace

Env automatic_platform_args() {
  static const Env kArgs{{"BUILDPLATFORM", "linux/amd64"}, {"BUILDOS", "linux"},
                         {"BUILDARCH", "amd64"},           {"BUILDVARIANT", ""},
                         {"TARGETPLATFORM", "linux/amd64"}, {"TARGETOS", "linux"},
                         {"TARGETARCH", "amd64"},          {"TARGETVARIANT", ""}};
  return kArgs;  // shares the entries (copy-on-write)
}

int StageModel::find_stage(std::string_view name_or_index) const {
  if (const auto index = parse_index(name_or_index)) {
    return *index >= 0 && *index < static_cast<long>(stages.size()) ? static_cast<int>(*index) : -1;
  }
  const std::string key = go_text::ascii_lower(name_or_index);
  for (const Stage& s : stages) {
    if (!s.name_lower.empty() && s.name_lower == key) return s.index;
  }
  return -1;
}

StageModel build_stage_model(const ParsedDockerfile& parsed, const BuildArgs& build_args,
                             std::optional<std::string> target) {
  StageModel model;
  model.global_env = automatic_platform_args();
  const char escape = parsed.escape;
  Env env;       // ARG + ENV in force in the current stage
  Env env_only;  // ENV of the current stage (inherited by stages built on it)
  std::vector<Env> final_env_only;
  std::unordered_map<std::string, int> stage_by_name;  // lower-case name -> last stage so named
  std::vector<PendingRef> pending;

  auto finish_stage = [&] {
    if (!model.stages.empty()) final_env_only.push_back(env_only);
  };

  for (std::size_t i = 0; i < parsed.instructions.size(); ++i) {
    const Instruction& inst = parsed.instructions[i];
    const int index = static_cast<int>(i);
    if (inst.keyword == "from") {
      finish_stage();
      Stage stage;
      stage.index = static_cast<int>(model.stages.size());
      stage.from_line = inst.start_line;
      stage.from_instruction = index;
      if (!inst.args.empty()) stage.base_raw = inst.args[0];
      if (inst.args.size() == 3 && go_text::ascii_lower(inst.args[1]) == "as") {
        stage.name = inst.args[2];
        stage.name_lower = go_text::ascii_lower(stage.name);
      }
      Expanded base = expand_or_keep(stage.base_raw, model.global_env, escape);
      stage.base = std::move(base.text);
      stage.base_error = std::move(base.error);
      stage.base_unmatched = std::move(base.unmatched);
      if (auto platform = flag_value(inst, "platform")) {
        stage.platform_raw = *platform;
        Expanded p = expand_or_keep(*platform, model.global_env, escape);
        stage.platform = std::move(p.text);
        if (stage.base_error.empty()) stage.base_error = std::move(p.error);
        for (std::string& v : p.unmatched) stage.base_unmatched.push_back(std::move(v));
      }
      stage.scratch = stage.base == "scratch";
      env = Env{};
      env_only = Env{};
      const std::string base_key = go_text::ascii_lower(stage.base);
      // The last earlier stage of that name (a map, not a scan of every
      // earlier stage: 10,000 chained stages stay linear).
      if (auto earlier = stage_by_name.find(base_key); earlier != stage_by_name.end()) {
        stage.parent = earlier->second;
        env_only = final_env_only[static_cast<std::size_t>(earlier->second)];
        env = env_only;
      }
      if (!stage.name_lower.empty()) stage_by_name[stage.name_lower] = stage.index;
      model.stages.push_back(std::move(stage));
      continue;
    }

    if (model.stages.empty()) {
      if (inst.keyword != "arg") {
        model.before_first_from.push_back(index);
        continue;
      }
      for (const KeyValue& kv : key_values(inst)) {
        ArgDecl decl{kv.key, kv.value, std::nullopt, index};
        if (auto it = build_args.find(kv.key); it != build_args.end()) {
          decl.value = it->second;
        } else if (kv.value) {
          decl.value = expand_or_keep(*kv.value, model.global_env, escape).text;
        }
        // Declared without any value: visible to FROM as empty (declared).
        model.global_env.set(kv.key, decl.value.value_or(""));
        model.global_args.push_back(std::move(decl));
      }
      continue;
    }

    Stage& stage = model.stages.back();
    stage.instructions.push_back(index);
    stage.env.push_back(env);
    if (inst.keyword == "arg") {
      for (const KeyValue& kv : key_values(inst)) {
        ArgDecl decl{kv.key, kv.value, std::nullopt, index};
        if (auto it = build_args.find(kv.key); it != build_args.end()) {
          decl.value = it->second;
        } else if (kv.value) {
          decl.value = expand_or_keep(*kv.value, env, escape).text;
        } else if (const std::string* global = model.global_env.get(kv.key)) {
          decl.value = *global;
        }
        if (decl.value) env.set(kv.key, *decl.value);
        stage.args.push_back(std::move(decl));
      }
    } else if (inst.keyword == "env") {
      // All values of one ENV are expanded with the environment before it
      // (`ENV a=1 b=$a` gives b the old a), unlike ARG which goes one by one.
      const Env before = env;
      for (const KeyValue& kv : key_values(inst)) {
        const std::string value = expand_or_keep(kv.value.value_or(""), before, escape).text;
        env.set(kv.key, value);
        env_only.set(kv.key, value);
      }
    } else if (inst.keyword == "copy" || inst.keyword == "add") {
      if (auto from = flag_value(inst, "from"); from && inst.keyword == "copy") {
        StageRef ref;
        ref.kind = StageRef::Kind::kCopyFrom;
        ref.ref = expand_or_keep(*from, env, escape).text;
        ref.instruction = index;
        pending.push_back({stage.index, std::move(ref)});
      }
    } else if (inst.keyword == "run") {
      std::vector<Mount> run_mounts;
      try {
        run_mounts = mounts(inst);
      } catch (const ballast::InputError&) {
        // A malformed --mount is lint's business; the model just skips it.
      }
      for (const Mount& m : run_mounts) {
        if (m.from.empty()) continue;
        StageRef ref;
        ref.kind = StageRef::Kind::kMountFrom;
        ref.ref = expand_or_keep(m.from, env, escape).text;
        ref.instruction = index;
        pending.push_back({stage.index, std::move(ref)});
      }
    }
  }
  finish_stage();

  for (PendingRef& p : pending) {
    StageRef& ref = p.ref;
    if (const auto n = parse_index(ref.ref)) {
      ref.by_index = true;
      if (*n >= 0 && *n < static_cast<long>(model.stages.size())) {
        ref.stage = static_cast<int>(*n);
      } else {
        ref.index_error = true;
      }
    } else {
      ref.stage = model.find_stage(ref.ref);
    }
    Stage& stage = model.stages[static_cast<std::size_t>(p.stage)];
    stage.copy_from_refs.push_back(ref.ref);
    stage.refs.push_back(std::move(ref));
  }

  if (target) {
    model.target = -1;
    const std::string key = go_text::ascii_lower(*target);
    for (const Stage& s : model.stages) {
      if (!s.name_lower.empty() && s.name_lower == key) model.target = s.index;
    }
    if (model.target < 0) throw ballast::InputError("target stage \"" + *target + "\" could not be found");
  } else {
    model.target = static_cast<int>(model.stages.size()) - 1;
  }

  if (model.target >= 0) {
    std::vector<int> stack{model.target};
    while (!stack.empty()) {
      const int s = stack.back();
      stack.pop_back();
      Stage& stage = model.stages[static_cast<std::size_t>(s)];
      if (stage.needed) continue;
      stage.needed = true;
      if (stage.parent >= 0) stack.push_back(stage.parent);
      for (const StageRef& ref : stage.refs) {
        if (ref.stage >= 0) stack.push_back(ref.stage);
      }
    }
  }
  return model;
}

}  // namespace ballast::dockerfile
