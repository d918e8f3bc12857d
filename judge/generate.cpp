#include "judge/generate.hpp"

#include <openssl/evp.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>
#include <fstream>
#include <memory>
#include <sstream>

#include "harness/wire.hpp"
#include "judge/judge.hpp"
#include "judge/trusted.hpp"
#include "judge/types.hpp"

namespace pyjudge::judge {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view k_cache_magic = "pyjudge-generated-2";

std::optional<std::string> read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) {
    return std::nullopt;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// SHA-256 over several updates, as lower-case hex.
class Sha256 {
 public:
  Sha256() : ctx_(EVP_MD_CTX_new(), EVP_MD_CTX_free) {
    EVP_DigestInit_ex(ctx_.get(), EVP_sha256(), nullptr);
  }
  void update(const void* data, size_t size) { EVP_DigestUpdate(ctx_.get(), data, size); }
  std::string hex() {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_DigestFinal_ex(ctx_.get(), digest, &len);
    std::string out;
    for (unsigned int i = 0; i < len; ++i) {
      out += fmt::format("{:02x}", digest[i]);
    }
    return out;
  }

 private:
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx_;
};

std::string sha256_hex(const std::vector<std::string>& parts) {
  Sha256 h;
  for (const std::string& part : parts) {
    uint64_t n = part.size();  // length-prefixed, so parts cannot run into each other
    h.update(&n, sizeof n);
    h.update(part.data(), part.size());
  }
  return h.hex();
}

// A generated value shaped by the signature, as the YAML loader shapes spec values: lists
// become tuples, sets or nodes where the type says so, ints become floats.
Value coerce(const Value& v, const Type& t, std::string& why) {
  using TK = Type::Kind;
  switch (t.kind) {
    case TK::real:
      return v.kind() == Value::Kind::integer ? Value::real(v.as_number()) : v;
    case TK::union_of: {
      for (const Type& alt : t.args) {
        Value c = coerce(v, alt, why);
        if (!mismatch(c, alt)) {
          return c;
        }
      }
      return v;
    }
    case TK::linked_list:
    case TK::tree:
    case TK::graph: {
      if (v.kind() != Value::Kind::list && v.kind() != Value::Kind::tuple) {
        return v;
      }
      if (v.size() == 0) {
        return Value::none();
      }
      std::vector<Value> items = v.items();
      if (t.kind == TK::tree) {
        while (!items.empty() && items.back().is_none()) {
          items.pop_back();
        }
      }
      Value::Kind kind = t.kind == TK::linked_list ? Value::Kind::linked_list
                         : t.kind == TK::tree      ? Value::Kind::tree
                                                   : Value::Kind::graph;
      if (auto bad = node_shape_error(kind, items)) {
        why = *bad;
        return v;  // left as a list: the caller reports `why`
      }
      return Value::nodes(kind, std::move(items));
    }
    default:
      break;
  }
  if (!v.is_sequence() && !v.is_set()) {
    if (v.kind() == Value::Kind::dict && t.kind == TK::dict) {
      std::vector<std::pair<Value, Value>> pairs;
      for (size_t i = 0; i + 1 < v.items().size(); i += 2) {
        pairs.emplace_back(coerce(v.items()[i], t.args[0], why),
                           coerce(v.items()[i + 1], t.args[1], why));
      }
      return Value::dict(std::move(pairs));
    }
    return v;
  }
  std::vector<Value> items;
  for (size_t i = 0; i < v.items().size(); ++i) {
    const Type& item = t.kind == TK::tuple ? (i < t.args.size() ? t.args[i] : Type{})
                       : t.args.empty()    ? Type{}
                                           : t.args[0];
    items.push_back(coerce(v.items()[i], item, why));
  }
  switch (t.kind) {
    case TK::list:
    case TK::iterator:
      return Value::list(std::move(items));
    case TK::tuple:
    case TK::tuple_of:
      return Value::tuple(std::move(items));
    case TK::set:
      return Value::set(std::move(items));
    case TK::frozenset:
      return Value::set(std::move(items), true);
    default:
      return v;
  }
}

// Arguments for `sig` from a generated list; nullopt with `why` set when they do not fit.
std::optional<std::vector<Value>> arguments(const Value& v, const FunctionSignature& sig,
                                            std::string& why) {
  if (!v.is_sequence() || v.size() != sig.params.size()) {
    why = fmt::format(
        "generate() must return a list with one value per parameter of {} ({}), "
        "got {}",
        sig.name, sig.params.size(), repr(v, 60));
    return std::nullopt;
  }
  std::vector<Value> args;
  for (size_t i = 0; i < sig.params.size(); ++i) {
    std::string shape;
    Value a = coerce(v.items()[i], sig.params[i].type, shape);
    if (auto m = mismatch(a, sig.params[i].type)) {
      why = fmt::format("argument `{}`: {}", sig.params[i].name, shape.empty() ? *m : shape);
      return std::nullopt;
    }
    args.push_back(std::move(a));
  }
  return args;
}

// The test a generated value describes (inputs only).
std::optional<TestCase> to_test(const Challenge& c, const GeneratedCase& g, const Value& v,
                                std::string& why) {
  TestCase t;
  t.name = g.name;
  t.sample = g.sample;
  t.points = g.points;
  t.generated = true;
  t.where = g.where;
  Call call;
  call.method = c.entry;
  switch (c.kind) {
    case ChallengeKind::program:
      if (v.kind() != Value::Kind::str) {
        why = fmt::format("generate() must return the input text (a str), got {}", repr(v, 60));
        return std::nullopt;
      }
      call.text = v.as_text();
      break;
    case ChallengeKind::object: {
      if (!v.is_sequence() || v.size() != 2 || !v.items()[0].is_sequence() ||
          !v.items()[1].is_sequence() || v.items()[0].size() != v.items()[1].size() ||
          v.items()[0].size() == 0) {
        why =
            "generate() must return [ops, args]: two lists of the same length, ops starting "
            "with the class name";
        return std::nullopt;
      }
      const auto& ops = v.items()[0].items();
      const auto& args = v.items()[1].items();
      for (size_t i = 0; i < ops.size(); ++i) {
        if (ops[i].kind() != Value::Kind::str) {
          why = fmt::format("op {} is not a str", i);
          return std::nullopt;
        }
        std::string op = ops[i].as_text();
        FunctionSignature ctor{c.entry, {}, Type{Type::Kind::none, {}}};
        const FunctionSignature* sig = nullptr;
        if (i == 0) {
          if (op != c.entry) {
            why = fmt::format("the first op must be `{}`, got `{}`", c.entry, op);
            return std::nullopt;
          }
          if (const FunctionSignature* init = c.object.find("__init__")) {
            ctor.params = init->params;
          }
          sig = &ctor;
        } else if ((sig = c.object.find(op)) == nullptr || op == "__init__") {
          why = fmt::format("op {} `{}` is not a method of {}", i, op, c.entry);
          return std::nullopt;
        }
        auto a = arguments(args[i], *sig, why);
        if (!a) {
          why = fmt::format("op {} `{}`: {}", i, op, why);
          return std::nullopt;
        }
        Call op_call;
        op_call.method = op;
        op_call.args = std::move(*a);
        t.calls.push_back(std::move(op_call));
      }
      return t;
    }
    case ChallengeKind::function:
    case ChallengeKind::generator: {
      auto a = arguments(v, c.function, why);
      if (!a) {
        return std::nullopt;
      }
      call.args = std::move(*a);
      call.take = g.take;
      break;
    }
    case ChallengeKind::script:
      why = "kind script has no generated tests";
      return std::nullopt;
  }
  t.calls.push_back(std::move(call));
  return t;
}

std::string case_label(const fs::path& generator, const GeneratedCase& g) {
  return fmt::format("{}: generated case `{}` (seed {}, {})", g.where.to_string(), g.name, g.seed,
                     generator.filename().string());
}

// Cache file: magic, the number of tests, then per test its calls (method, args, take,
// text, expected), all wire-encoded.
std::string encode_cache(const std::vector<TestCase>& tests) {
  wire::Writer w;
  w.str(k_cache_magic);
  w.u32(static_cast<uint32_t>(tests.size()));
  for (const TestCase& t : tests) {
    w.u32(static_cast<uint32_t>(t.calls.size()));
    for (const Call& call : t.calls) {
      w.str(call.method);
      w.str(to_wire(Value::tuple(call.args)));
      w.u32(call.take);
      w.str(call.text);
      w.str(to_wire(call.expected));
    }
  }
  std::string payload = w.take();
  return payload + judge::sha256_hex(std::string_view(payload));
}

// A cache file whose checksum does not hold (a flipped bit, a torn write) is never used: its
// expected values would fail correct solutions.
bool decode_cache(std::string_view data, std::vector<TestCase>& tests) {
  constexpr size_t k_sum = 64;  // SHA-256 in hex
  if (data.size() < k_sum ||
      judge::sha256_hex(data.substr(0, data.size() - k_sum)) != data.substr(data.size() - k_sum)) {
    return false;
  }
  data.remove_suffix(k_sum);
  try {
    wire::Reader r(data);
    if (r.str() != k_cache_magic || r.u32() != tests.size()) {
      return false;
    }
    for (TestCase& t : tests) {
      uint32_t n = r.u32();
      if (n > r.remaining()) {
        return false;
      }
      t.calls.clear();
      for (uint32_t i = 0; i < n; ++i) {
        Call call;
        call.method = std::string(r.str());
        call.args = from_wire(r.str()).items();
        call.take = r.u32();
        call.text = std::string(r.str());
        call.expected = from_wire(r.str());
        t.calls.push_back(std::move(call));
      }
    }
    r.expect_end();
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

// Creates the cache folder (0700) if needed; true when it is ours and nobody else can write
// to it (a shared /tmp fallback must not let another user plant test data).
bool private_dir(const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) {
    fs::create_directories(dir, ec);
    fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace, ec);
  }
  struct stat st {};
  if (::lstat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != getuid()) {
    return false;
  }
  return (st.st_mode & (S_IWGRP | S_IWOTH)) == 0;
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  Sha256 h;
  h.update(bytes.data(), bytes.size());
  return h.hex();
}

fs::path default_cache_dir() {
  if (const char* env = std::getenv("PYJUDGE_CACHE"); env != nullptr && *env != '\0') {
    return env;
  }
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg == '/') {
    return fs::path(xdg) / "pyjudge";
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && *home == '/') {
    return fs::path(home) / ".cache" / "pyjudge";
  }
  return fs::temp_directory_path() / fmt::format("pyjudge-cache-{}", getuid());
}

Expected<std::vector<TestCase>> generate_inputs(const Challenge& c, const GenerateOptions& o) {
  if (!c.generated) {
    return std::vector<TestCase>{};
  }
  return generate_cases(c, c.generated->generator, c.generated->cases, o);
}

Expected<std::vector<TestCase>> generate_cases(const Challenge& c, const fs::path& generator,
                                               const std::vector<GeneratedCase>& cases,
                                               const GenerateOptions& o) {
  std::vector<TestCase> tests;
  std::vector<TrustedCall> calls;
  for (const GeneratedCase& g : cases) {
    calls.push_back({{Value::integer(g.seed)}, g.params});
  }
  TrustedRun run;
  run.harness_exe = o.harness_exe;
  run.file = generator;
  run.entry = "generate";
  run.unsafe = o.unsafe;
  std::vector<TrustedResult> results = run_trusted(run, calls);
  for (size_t i = 0; i < results.size(); ++i) {
    const GeneratedCase& g = cases[i];
    if (!results[i].value) {
      return Error{
          fmt::format("{}: generate() failed: {}", case_label(generator, g), results[i].error)};
    }
    std::string why;
    auto t = to_test(c, g, *results[i].value, why);
    if (!t) {
      return Error{fmt::format("{}: {}", case_label(generator, g), why)};
    }
    tests.push_back(std::move(*t));
  }
  return tests;
}

std::optional<std::string> materialize(Challenge& c, const GenerateOptions& o, bool* from_cache) {
  if (from_cache != nullptr) {
    *from_cache = false;
  }
  if (!c.generated || c.generated->cases.empty()) {
    return std::nullopt;
  }
  auto spec = read_file(c.spec_file);
  auto generator = read_file(c.generated->generator);
  auto reference = read_file(c.reference);
  if (!spec || !generator || !reference) {
    return fmt::format("{}: cannot read the spec, generator or reference", c.spec_file.string());
  }
  // The pyjudge version too: a new judge may encode or type values differently.
  std::vector<std::string> parts{std::string(k_cache_magic), PYJUDGE_VERSION, *spec, *generator,
                                 *reference};
  for (const GeneratedCase& g : c.generated->cases) {
    parts.push_back(fmt::format("{}|{}|{}", g.seed, g.take, to_wire(g.params)));
  }
  std::string key = sha256_hex(parts);
  fs::path cache_file = o.cache_dir.empty()
                            ? fs::path()
                            : o.cache_dir / fmt::format("{}-{}.bin", c.id, key.substr(0, 32));

  // Names, visibility and points come from the spec; only the calls are cached.
  std::vector<TestCase> tests;
  for (const GeneratedCase& g : c.generated->cases) {
    TestCase t;
    t.name = g.name;
    t.sample = g.sample;
    t.points = g.points;
    t.generated = true;
    t.where = g.where;
    tests.push_back(std::move(t));
  }
  if (!cache_file.empty() && !private_dir(o.cache_dir)) {
    spdlog::warn(
        "not using the cache {}: it must be a folder of this user's, not writable by "
        "others",
        o.cache_dir.string());
    cache_file.clear();
  }
  if (!cache_file.empty()) {
    if (auto data = read_file(cache_file); data && decode_cache(*data, tests)) {
      spdlog::debug("generated tests of {} from {}", c.id, cache_file.string());
      c.tests.insert(c.tests.end(), tests.begin(), tests.end());
      samples_first(c.tests);
      if (from_cache != nullptr) {
        *from_cache = true;
      }
      return std::nullopt;
    }
  }

  Expected<std::vector<TestCase>> inputs = generate_inputs(c, o);
  if (!inputs) {
    return inputs.error().message;
  }
  tests = std::move(inputs.value());
  // The reference answers every generated input; its values become the expected ones.
  Challenge ref = c;
  ref.tests = tests;
  ref.checker.clear();
  auto source = read_submission(c.reference);
  if (!source) {
    return source.error().message;
  }
  std::vector<std::optional<Value>> answers;
  JudgeOptions jo;
  jo.harness_exe = o.harness_exe;
  jo.unsafe = o.unsafe;
  jo.record = &answers;
  Report report = judge(ref, *source, jo);
  for (size_t i = 0; i < tests.size(); ++i) {
    const TestReport& tr = report.tests.at(i);
    if (tr.verdict != Verdict::AC || !answers.at(i)) {
      return fmt::format("{}: the reference solution {} fails it: {} {}",
                         case_label(c.generated->generator, c.generated->cases[i]),
                         c.reference.filename().string(), to_string(tr.verdict), tr.message);
    }
    const Value& got = *answers[i];
    TestCase& t = tests[i];
    if (c.kind == ChallengeKind::object) {
      for (size_t k = 0; k < t.calls.size() && k < got.size(); ++k) {
        t.calls[k].expected = got.items()[k];
      }
    } else if (c.kind == ChallengeKind::program) {
      t.calls[0].expected = Value::str(got.as_text());
    } else {
      t.calls[0].expected = got;
    }
  }
  if (!cache_file.empty()) {
    std::error_code ec;
    fs::path tmp = cache_file;
    tmp += fmt::format(".tmp{}", getpid());
    {
      std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
      out << encode_cache(tests);
    }
    fs::rename(tmp, cache_file, ec);  // atomic: a reader sees the old file or the new one
    if (ec) {
      spdlog::warn("cannot write the generated-test cache {}: {}", cache_file.string(),
                   ec.message());
      fs::remove(tmp, ec);
    }
  }
  c.tests.insert(c.tests.end(), tests.begin(), tests.end());
  samples_first(c.tests);
  return std::nullopt;
}

}  // namespace pyjudge::judge
