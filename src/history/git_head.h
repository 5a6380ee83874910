// The commit a run was recorded at: HEAD of the git checkout holding the
// working directory, read from .git itself (no git binary needed on a CI
// runner): HEAD is either a commit id or "ref: refs/heads/x", a ref is a
// loose file or a line of packed-refs (gitrepository-layout(5)); a linked
// worktree's .git is a file "gitdir: …" whose commondir holds the refs.
#pragma once

#include <filesystem>
#include <string>

namespace ballast::history {

// The 40 (or 64, SHA-256 repositories) hex digits, or "" when `dir` is in
// no checkout or HEAD cannot be resolved (never an error: history works
// outside git).
std::string git_head(const std::filesystem::path& dir);

}  // namespace ballast::history
