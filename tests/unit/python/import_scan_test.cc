// The tokenizer-level import scan: strings and comments never count, and
// each import carries the context (optional, type-only, function, dynamic).
#include <gtest/gtest.h>

#include "python/import_scan.h"
#include "python/py_tokenizer.h"

namespace ballast::python {
namespace {

std::vector<std::string> modules(const FileImports& f) {
  std::vector<std::string> out;
  for (const auto& i : f.imports) out.push_back(std::string(i.level, '.') + i.module);
  return out;
}

const ImportUse* find(const FileImports& f, std::string_view module) {
  for (const auto& i : f.imports) {
    if (i.module == module) return &i;
  }
  return nullptr;
}

TEST(ImportScan, StatementForms) {
  FileImports f = scan_imports(
      "import os, sys as system\n"
      "import a.b.c as d\n"
      "from x.y import (z,\n    w as ww)\n"
      "from . import sibling\n"
      "from ..pkg.mod import thing\n"
      "from ... import far\n"
      "import numpy as np; import scipy\n"
      "if True: import yaml\n");
  EXPECT_EQ(modules(f), (std::vector<std::string>{"os", "sys", "a.b.c", "x.y", ".", "..pkg.mod", "...", "numpy",
                                                  "scipy", "yaml"}));
  EXPECT_EQ(find(f, "x.y")->names, (std::vector<std::string>{"z", "w"}));
  EXPECT_EQ(find(f, "x.y")->line, 3);
  EXPECT_EQ(f.imports[4].level, 1);
  EXPECT_EQ(f.imports[4].names, std::vector<std::string>{"sibling"});
  EXPECT_EQ(find(f, "scipy")->line, 8);
  EXPECT_TRUE(f.issues.empty());
}

TEST(ImportScan, StringsAndCommentsNeverCount) {
  FileImports f = scan_imports(
      "# import commented\n"
      "s = 'import single'\n"
      "d = \"from double import x\"\n"
      "t = '''\nimport triple\nfrom triple import y\n'''\n"
      "u = \"\"\"import also_triple \\\"\"\" still\"\"\"\n"
      "r = r'import raw\\' still raw'\n"
      "b = b\"import bytes\"\n"
      "f = f\"{value!r:>{width}} import fstr {'import nested'}\"\n"
      "g = f'''{x}\nimport in_fstring_body\n'''\n"
      "h = f\"{d[\"key\"]} import pep701\"\n"
      "k = f'{\"{\"} {3:{\"}\"}>10} import braces'\n"
      "l = fr'\\{{' + f'\\N{DASH} {x} \\{y}'\n"
      "m = f'''{ # a comment it's\n1}'''\n"
      "x = 1  # from hash import comment\n"
      "import real\n");
  EXPECT_EQ(modules(f), std::vector<std::string>{"real"});
  EXPECT_EQ(f.imports[0].line, 21);
  EXPECT_TRUE(f.issues.empty()) << f.issues[0].message;
}

TEST(ImportScan, ContinuationsAndBrackets) {
  FileImports f = scan_imports(
      "from mod import \\\n    a, b\n"
      "value = (1,\n  2)\nimport after_paren\n"
      "x = [\n  'import not_this',\n]\n");
  EXPECT_EQ(modules(f), (std::vector<std::string>{"mod", "after_paren"}));
  EXPECT_EQ(find(f, "after_paren")->line, 5);
}

TEST(ImportScan, TryExceptImportErrorIsOptional) {
  FileImports f = scan_imports(
      "try:\n"
      "    import ujson as json\n"
      "except ImportError:\n"
      "    import simplejson as json\n"
      "try:\n"
      "    import must_have\n"
      "except ValueError:\n"
      "    pass\n"
      "try:\n"
      "    import orjson\n"
      "except (ModuleNotFoundError, OSError):\n"
      "    orjson = None\n"
      "else:\n"
      "    import after_else\n"
      "import plain\n");
  EXPECT_TRUE(find(f, "ujson")->optional);
  EXPECT_TRUE(find(f, "simplejson")->optional);
  EXPECT_FALSE(find(f, "must_have")->optional);
  EXPECT_TRUE(find(f, "orjson")->optional);
  EXPECT_FALSE(find(f, "after_else")->optional);
  EXPECT_FALSE(find(f, "plain")->optional);
}

TEST(ImportScan, TypeCheckingAndFunctions) {
  FileImports f = scan_imports(
      "from typing import TYPE_CHECKING\n"
      "import typing as t\n"
      "if TYPE_CHECKING:\n"
      "    from pandas import DataFrame\n"
      "    import numpy.typing\n"
      "else:\n"
      "    import runtime_branch\n"
      "if t.TYPE_CHECKING: import boto3\n"
      "def load():\n"
      "    import torch\n"
      "    return torch\n"
      "class A:\n"
      "    async def f(self):\n"
      "        import aiohttp\n"
      "import top\n");
  EXPECT_TRUE(find(f, "pandas")->type_only);
  EXPECT_TRUE(find(f, "numpy.typing")->type_only);
  EXPECT_FALSE(find(f, "runtime_branch")->type_only);
  EXPECT_TRUE(find(f, "boto3")->type_only);
  EXPECT_TRUE(find(f, "torch")->in_function);
  EXPECT_TRUE(find(f, "aiohttp")->in_function);
  EXPECT_FALSE(find(f, "top")->in_function);
  EXPECT_FALSE(find(f, "top")->type_only);
}

TEST(ImportScan, DynamicImportsWithLiteralStrings) {
  FileImports f = scan_imports(
      "import importlib\n"
      "m = importlib.import_module(\"plugins.audio\")\n"
      "n = __import__('lxml')\n"
      "o = importlib.import_module(name)\n"
      "p = importlib.import_module(f\"x{y}\")\n"
      "q = importlib.import_module('.local', __package__)\n"
      "r = importlib.import_module('a' + b)\n");
  EXPECT_EQ(modules(f), (std::vector<std::string>{"importlib", "plugins.audio", "lxml", ".local"}));
  EXPECT_EQ(find(f, "lxml")->kind, ImportKind::kDynamic);
}

TEST(ImportScan, GpuUse) {
  EXPECT_EQ(scan_imports("x = model.cuda()\n").gpu_lines, std::vector<int>{1});
  EXPECT_EQ(scan_imports("\nif torch.cuda.is_available(): pass\n").gpu_lines, std::vector<int>{2});
  EXPECT_EQ(scan_imports("t = t.to(device=\"cuda:0\")\n").gpu_lines, std::vector<int>{1});
  EXPECT_TRUE(scan_imports("# model.cuda()\ns = 'use .cuda( later'\ncuda_version = 1\n").gpu_lines.empty());
}

TEST(ImportScan, SyntaxErrorsAreReportedAndScanContinues) {
  FileImports f = scan_imports(
      "import ok_before\n"
      "s = 'unterminated\n"
      "x = (1, 2\n"
      "import inside_open_paren_is_not_a_statement\n");
  ASSERT_FALSE(f.issues.empty());
  EXPECT_EQ(f.issues[0].line, 2);
  EXPECT_EQ(modules(f)[0], "ok_before");

  FileImports g = scan_imports("def broken(:\n    pass\nprint 'py2'\nimport still_found\nfrom import nothing\n");
  EXPECT_NE(find(g, "still_found"), nullptr);
  ASSERT_FALSE(g.issues.empty());
  EXPECT_EQ(g.issues.back().line, 5);
}

TEST(Tokenizer, LogicalLinesAndIndent) {
  TokenizedSource t = tokenize_python("if x:\n\tif y:\n\t\tz = 1\n\n# c\n  \nw = [1,\n2]\n");
  ASSERT_EQ(t.lines.size(), 4u);
  EXPECT_EQ(t.lines[1].indent, 8);
  EXPECT_EQ(t.lines[2].indent, 16);
  EXPECT_EQ(t.lines[3].line, 7);
  EXPECT_EQ(t.lines[3].tokens.size(), 7u);  // w = [ 1 , 2 ]
  EXPECT_TRUE(t.errors.empty());
}

}  // namespace
}  // namespace ballast::python
