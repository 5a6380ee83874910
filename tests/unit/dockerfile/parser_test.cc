// Parser behaviour beyond BuildKit's vectors: heredocs, directives, flags,
// lines, comments, warnings and the exact error messages. Expected values are
// worked out by hand from BuildKit's rules (parser.go), not from our output.
#include <gtest/gtest.h>

#include <string>

#include "dockerfile/dump.h"
#include "dockerfile/instruction.h"
#include "dockerfile/mount.h"
#include "dockerfile/parser.h"

namespace df = ballast::dockerfile;

namespace {

std::string error_of(std::string_view text, std::string_view file = "Dockerfile") {
  try {
    df::parse_dockerfile(text, file);
  } catch (const df::ParseError& e) {
    return e.what();
  }
  return "<no error>";
}

TEST(Heredoc, BodyIsAttachedAndLinesCounted) {
  const auto p = df::parse_dockerfile(
      "FROM alpine\n"
      "RUN <<EOF\n"
      "apk add curl\n"
      "echo $HOME\n"
      "EOF\n"
      "CMD [\"sh\"]\n");
  ASSERT_EQ(p.instructions.size(), 3u);
  const df::Instruction& run = p.instructions[1];
  EXPECT_EQ(df::dump_instruction(run), "(run \"<<EOF\")");
  ASSERT_EQ(run.heredocs.size(), 1u);
  EXPECT_EQ(run.heredocs[0].name, "EOF");
  EXPECT_EQ(run.heredocs[0].content, "apk add curl\necho $HOME\n");
  EXPECT_TRUE(run.heredocs[0].expand);
  EXPECT_FALSE(run.heredocs[0].chomp);
  EXPECT_EQ(run.heredocs[0].start_line, 3);
  EXPECT_EQ(run.heredocs[0].end_line, 5);
  EXPECT_EQ(run.start_line, 2);
  EXPECT_EQ(run.end_line, 5);
  EXPECT_EQ(p.instructions[2].start_line, 6);
}

TEST(Heredoc, SeveralOnOneLineInOrder) {
  const auto p = df::parse_dockerfile(
      "FROM alpine\n"
      "COPY <<one.txt <<two.txt /dst/\n"
      "first\n"
      "one.txt\n"
      "second\n"
      "two.txt\n");
  const df::Instruction& copy = p.instructions[1];
  EXPECT_EQ(df::dump_instruction(copy), "(copy \"<<one.txt\" \"<<two.txt\" \"/dst/\")");
  ASSERT_EQ(copy.heredocs.size(), 2u);
  EXPECT_EQ(copy.heredocs[0].name, "one.txt");
  EXPECT_EQ(copy.heredocs[0].content, "first\n");
  EXPECT_EQ(copy.heredocs[1].name, "two.txt");
  EXPECT_EQ(copy.heredocs[1].content, "second\n");
  EXPECT_EQ(copy.end_line, 6);
}

TEST(Heredoc, DashStripsLeadingTabsOfBodyAndTerminator) {
  const auto p = df::parse_dockerfile("FROM alpine\nRUN <<-EOT\n\t\techo a\n\techo\tb\n\tEOT\n");
  const df::Heredoc& h = p.instructions[1].heredocs.at(0);
  EXPECT_TRUE(h.chomp);
  EXPECT_EQ(h.content, "echo a\necho\tb\n");
  EXPECT_EQ(p.instructions[1].end_line, 5);
}

TEST(Heredoc, WithoutDashATabbedTerminatorIsBody) {
  EXPECT_EQ(error_of("FROM alpine\nRUN <<EOT\necho\n\tEOT\n"),
            "Dockerfile:2:1: unterminated heredoc <<EOT: no line \"EOT\" before the end of the file");
}

TEST(Heredoc, QuotedDelimiterMeansNoExpansion) {
  for (const char* marker : {"<<\"EOF\"", "<<'EOF'", "<<E\"OF\""}) {
    const auto p = df::parse_dockerfile(std::string("FROM a\nRUN ") + marker + "\necho $X\nEOF\n");
    const df::Heredoc& h = p.instructions[1].heredocs.at(0);
    EXPECT_EQ(h.name, "EOF") << marker;
    EXPECT_FALSE(h.expand) << marker;
    EXPECT_EQ(h.content, "echo $X\n") << marker;
  }
}

TEST(Heredoc, FileDescriptorPrefixAndCommandAround) {
  const auto p = df::parse_dockerfile("FROM a\nRUN python3 3<<EOF > out\nprint(1)\nEOF\n");
  const df::Heredoc& h = p.instructions[1].heredocs.at(0);
  EXPECT_EQ(h.fd, 3);
  EXPECT_EQ(h.name, "EOF");
  EXPECT_EQ(df::dump_instruction(p.instructions[1]), "(run \"python3 3<<EOF > out\")");
}

TEST(Heredoc, NotInExecFormNorInOtherInstructions) {
  const auto p = df::parse_dockerfile("FROM a\nRUN [\"cat\", \"<<EOF\"]\nENV A=<<EOF\nLABEL x=y\n");
  EXPECT_TRUE(p.instructions[1].heredocs.empty());
  EXPECT_TRUE(p.instructions[2].heredocs.empty());
  EXPECT_EQ(p.instructions.size(), 4u);  // "LABEL x=y" was not eaten as a body
}

TEST(Heredoc, InsideOnbuild) {
  const auto p = df::parse_dockerfile("FROM a\nONBUILD RUN <<EOF\necho hi\nEOF\n");
  const df::Instruction& ob = p.instructions[1];
  ASSERT_TRUE(ob.onbuild);
  EXPECT_EQ(df::dump_instruction(ob), "(onbuild (run \"<<EOF\"))");
  ASSERT_EQ(ob.heredocs.size(), 1u);
  EXPECT_EQ(ob.heredocs[0].content, "echo hi\n");
  EXPECT_EQ(ob.onbuild->heredocs.size(), 1u);
}

TEST(Heredoc, UnterminatedIsAnErrorWithTheInstructionLine) {
  EXPECT_EQ(error_of("FROM alpine\n\n  RUN <<EOF\necho hi\n"),
            "Dockerfile:3:3: unterminated heredoc <<EOF: no line \"EOF\" before the end of the file");
}

TEST(Continuation, CommentsAndBlankLinesInside) {
  const auto p = df::parse_dockerfile(
      "FROM a\n"
      "RUN apt-get update \\\n"
      "# a comment inside\n"
      "\n"
      "    && apt-get install -y curl\n"
      "CMD x\n");
  ASSERT_EQ(p.instructions.size(), 3u);
  EXPECT_EQ(p.instructions[1].args.at(0), "apt-get update     && apt-get install -y curl");
  EXPECT_EQ(p.instructions[1].start_line, 2);
  EXPECT_EQ(p.instructions[1].end_line, 5);
  ASSERT_EQ(p.warnings.size(), 1u);
  EXPECT_EQ(p.warnings[0].kind, "NoEmptyContinuation");
  EXPECT_EQ(p.warnings[0].lines, std::vector<int>{4});
  ASSERT_EQ(p.comments.size(), 1u);
  EXPECT_EQ(p.comments[0].line, 3);
  EXPECT_EQ(p.comments[0].text, "a comment inside");
}

TEST(Continuation, EscapedEscapeDoesNotContinue) {
  const auto p = df::parse_dockerfile("FROM a\nRUN echo a\\\\\nRUN echo b\n");
  ASSERT_EQ(p.instructions.size(), 3u);
  EXPECT_EQ(p.instructions[1].args.at(0), "echo a\\\\");
}

TEST(Directives, EscapeBacktickAndOnlyAtTheTop) {
  const auto p = df::parse_dockerfile("# syntax=docker/dockerfile:1\n# escape=`\nFROM a\nRUN echo \\ `\n  b\n");
  EXPECT_EQ(p.escape, '`');
  EXPECT_EQ(p.directive("syntax").value_or(""), "docker/dockerfile:1");
  EXPECT_EQ(p.instructions[1].args.at(0), "echo \\   b");

  const auto late = df::parse_dockerfile("# hello\n# escape=`\nFROM a\n");
  EXPECT_EQ(late.escape, '\\');
  EXPECT_FALSE(late.directive("escape"));
}

TEST(Directives, CheckDirectiveIsRecorded) {
  const auto p = df::parse_dockerfile("# check=skip=JSONArgsRecommended;error=true\nFROM a\n");
  EXPECT_EQ(p.directive("check").value_or(""), "skip=JSONArgsRecommended;error=true");
  EXPECT_EQ(p.directives.at(0).line, 1);
}

TEST(Directives, Errors) {
  EXPECT_EQ(error_of("# escape=x\nFROM a\n"), "Dockerfile:1:1: invalid escape token 'x' does not match ` or \\");
  EXPECT_EQ(error_of("# syntax=a\n# syntax=b\nFROM a\n"),
            "Dockerfile:2:1: only one syntax parser directive can be used");
}

TEST(Flags, OnlyAtTheStartOfArguments) {
  const auto p = df::parse_dockerfile(
      "FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n"
      "RUN --mount=type=cache,target=/root/.cache/go-build --network=none go build -o /out --x=y\n"
      "COPY --from=build --chown=1000:1000 --chmod=755 --link /out /app\n");
  EXPECT_EQ(p.instructions[0].flags, std::vector<std::string>{"--platform=$BUILDPLATFORM"});
  EXPECT_EQ(p.instructions[0].args, (std::vector<std::string>{"golang:1.22", "AS", "build"}));
  const df::Instruction& run = p.instructions[1];
  EXPECT_EQ(run.flags.size(), 2u);
  EXPECT_EQ(run.args.at(0), "go build -o /out --x=y");
  EXPECT_EQ(df::flag_value(run, "network").value_or("?"), "none");
  const auto m = df::mounts(run);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].type, "cache");
  EXPECT_EQ(m[0].target, "/root/.cache/go-build");
  const df::Instruction& copy = p.instructions[2];
  EXPECT_EQ(df::flag_value(copy, "from").value_or("?"), "build");
  EXPECT_EQ(df::flag_value(copy, "chmod").value_or("?"), "755");
  EXPECT_TRUE(df::flag_bool(copy, "link"));
  EXPECT_FALSE(df::flag_bool(copy, "parents"));
  EXPECT_FALSE(df::flag_value(copy, "chow"));  // no prefix matching
}

TEST(Mounts, CsvFieldsAndDefaults) {
  const df::Mount m = df::parse_mount("type=secret,id=npmrc,target=/root/.npmrc,required");
  EXPECT_EQ(m.type, "secret");
  EXPECT_EQ(m.id, "npmrc");
  EXPECT_TRUE(m.required);
  const df::Mount b = df::parse_mount("from=builder,source=/out,\"target=/a,b\",ro");
  EXPECT_EQ(b.type, "bind");
  EXPECT_EQ(b.from, "builder");
  EXPECT_EQ(b.target, "/a,b");
  EXPECT_TRUE(b.readonly);
  EXPECT_THROW(df::parse_mount("type=nfs"), ballast::InputError);
}

TEST(KeyValues, EnvLabelArgForms) {
  const auto p = df::parse_dockerfile(
      "ARG A B=2\nFROM x\nENV PATH /usr/bin:$PATH\nLABEL a=1 \"b c\"=\"d e\"\n");
  const auto arg = df::key_values(p.instructions[0]);
  ASSERT_EQ(arg.size(), 2u);
  EXPECT_FALSE(arg[0].value);
  EXPECT_EQ(arg[1].value.value_or(""), "2");
  const auto env = df::key_values(p.instructions[2]);
  ASSERT_EQ(env.size(), 1u);
  EXPECT_TRUE(env[0].legacy);
  EXPECT_EQ(env[0].value.value_or(""), "/usr/bin:$PATH");
  const auto label = df::key_values(p.instructions[3]);
  ASSERT_EQ(label.size(), 2u);
  EXPECT_EQ(label[1].key, "\"b c\"");
  EXPECT_EQ(label[1].value.value_or(""), "\"d e\"");
}

TEST(Instructions, KeywordCaseJsonFallbackAndOnbuild) {
  const auto p = df::parse_dockerfile(
      "from alpine\n"
      "Run [\"echo\", 'x']\n"
      "MAINTAINER Jane <jane@example.com>\n"
      "ONBUILD ADD . /app\n"
      "HEALTHCHECK NONE\n"
      "FOO bar\n");
  EXPECT_EQ(p.instructions[0].keyword, "from");
  EXPECT_EQ(p.instructions[1].keyword_raw, "Run");
  EXPECT_FALSE(p.instructions[1].json_form);  // invalid JSON -> shell form
  EXPECT_EQ(df::dump(p),
            "(from \"alpine\")\n"
            "(run \"[\\\"echo\\\", 'x']\")\n"
            "(maintainer \"Jane <jane@example.com>\")\n"
            "(onbuild (add \".\" \"/app\"))\n"
            "(healthcheck \"NONE\")\n"
            "(foo \"\")\n");
}

TEST(Comments, PrevCommentsBelongToTheNextInstruction) {
  const auto p = df::parse_dockerfile("FROM a\n# hadolint ignore=DL3008\n# second\nRUN apt-get install x\n");
  EXPECT_EQ(p.instructions[1].comments, (std::vector<std::string>{"hadolint ignore=DL3008", "second"}));
  EXPECT_TRUE(p.instructions[0].comments.empty());
}

TEST(Lines, BomCrlfAndNoTrailingNewline) {
  const auto p = df::parse_dockerfile("\xEF\xBB\xBF" "FROM a\r\nRUN x \\\r\n  y\r\nCMD z");
  ASSERT_EQ(p.instructions.size(), 3u);
  EXPECT_EQ(p.instructions[0].args.at(0), "a");
  EXPECT_EQ(p.instructions[1].args.at(0), "x   y");
  EXPECT_EQ(p.instructions[1].end_line, 3);
  EXPECT_EQ(p.instructions[2].start_line, 4);
}

TEST(Errors, MessagesWordForWord) {
  EXPECT_EQ(error_of("", "app/Dockerfile"), "app/Dockerfile:1:1: file with no instructions");
  EXPECT_EQ(error_of("# only\n\n# comments\n"), "Dockerfile:3:1: file with no instructions");
  EXPECT_EQ(error_of("FROM a\n  ENV PATH\n"), "Dockerfile:2:3: ENV must have two arguments");
  EXPECT_EQ(error_of("FROM a\nLABEL a=b c\n"),
            "Dockerfile:2:1: Syntax error - can't find = in \"c\". Must be of the form: name=value");
  EXPECT_EQ(error_of("FROM a\nCMD [\"a\", 1]\n"),
            "Dockerfile:2:1: when using JSON array syntax, arrays must be comprised of strings only");
}

TEST(Errors, ParseErrorCarriesLocation) {
  try {
    df::parse_dockerfile("FROM a\n\nENV X\n", "Dockerfile.dev");
    FAIL() << "no error";
  } catch (const df::ParseError& e) {
    EXPECT_EQ(e.file(), "Dockerfile.dev");
    EXPECT_EQ(e.line(), 3);
    EXPECT_EQ(e.column(), 1);
    EXPECT_EQ(e.message(), "ENV must have two arguments");
  }
}

TEST(Errors, BinaryInputIsRejectedCleanly) {
  std::string text = "FROM a\nRUN x";
  text.push_back('\0');
  text += "y\n";
  EXPECT_EQ(error_of(text), "Dockerfile:2:6: NUL byte: this looks like a binary file, not a Dockerfile");
}

TEST(Errors, HugeInputIsRejectedCleanly) {
  std::string text = "FROM a\n";
  text.append(df::kMaxDockerfileBytes, '#');
  EXPECT_EQ(error_of(text), "Dockerfile:1:1: file is too large to be a Dockerfile (10485767 bytes; the limit is "
                            "10485760)");
}

TEST(Robustness, DeeplyNestedJsonFallsBackWithoutCrashing) {
  std::string text = "FROM a\nCMD ";
  text.append(200000, '[');
  const auto p = df::parse_dockerfile(text);
  EXPECT_FALSE(p.instructions[1].json_form);
}

}  // namespace
