#include "harness/py_codec.hpp"

#include <fmt/format.h>
#include <pybind11/pybind11.h>

#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace pyjudge::harness {

namespace {

struct Ref {  // owns one reference
  PyObject* p = nullptr;
  explicit Ref(PyObject* o) : p(o) {}
  Ref(const Ref&) = delete;
  Ref& operator=(const Ref&) = delete;
  Ref(Ref&& o) noexcept : p(o.p) { o.p = nullptr; }
  Ref& operator=(Ref&&) = delete;
  ~Ref() { Py_XDECREF(p); }
  PyObject* release() {
    PyObject* o = p;
    p = nullptr;
    return o;
  }
};

// Names the builtin a subclass derives from, to make the message actionable.
std::string describe_type(PyObject* obj) {
  PyTypeObject* t = Py_TYPE(obj);
  struct Base {
    PyTypeObject* type;
    const char* name;
  };
  const Base bases[] = {
      {&PyList_Type, "list"},   {&PyTuple_Type, "tuple"},         {&PyDict_Type, "dict"},
      {&PySet_Type, "set"},     {&PyFrozenSet_Type, "frozenset"}, {&PyLong_Type, "int"},
      {&PyFloat_Type, "float"}, {&PyUnicode_Type, "str"},         {&PyBytes_Type, "bytes"}};
  for (const Base& b : bases) {
    if (PyType_IsSubtype(t, b.type) != 0) {
      return fmt::format("`{}` (a subclass of {}); return a plain {} instead", t->tp_name, b.name,
                         b.name);
    }
  }
  std::string_view name = t->tp_name;
  if (name == "ListNode" || name == "TreeNode" || name == "Node") {
    return fmt::format(
        "`{}` whose attributes are not plain instance attributes (val and next, left and right, "
        "or neighbors); define it without __slots__ or properties, or use the class pyjudge "
        "provides",
        t->tp_name);
  }
  return fmt::format(
      "`{}`; return plain data: int, float, bool, str, bytes, None, list, "
      "tuple, dict, set or frozenset",
      t->tp_name);
}

enum class NodeShape { none, list, tree, graph };

// A node's instance dict, read without running Python code.
struct NodeAttrs {
  Ref dict{nullptr};
  NodeAttrs() = default;
  NodeAttrs(NodeAttrs&& o) noexcept : dict(std::move(o.dict)) {}
  NodeAttrs& operator=(NodeAttrs&& o) noexcept {
    Py_XDECREF(dict.p);
    dict.p = o.dict.release();
    return *this;
  }
  [[nodiscard]] PyObject* get(const char* key) const {  // borrowed, or nullptr
    return dict.p == nullptr ? nullptr : PyDict_GetItemString(dict.p, key);
  }
  [[nodiscard]] long long get_long(const char* key) const {
    PyObject* v = get(key);
    return v != nullptr && PyLong_CheckExact(v) ? PyLong_AsLongLong(v) : 0;
  }
};

// The instance dict, if every key is an exact str: a lookup then compares strings in C and
// never calls a key's __eq__ (a str subclass could run code between two reads of the dict).
NodeAttrs attrs_of(PyObject* o) {
  NodeAttrs a;
  PyObject* d = PyObject_GenericGetDict(o, nullptr);
  if (d == nullptr || !PyDict_CheckExact(d)) {
    Py_XDECREF(d);
    PyErr_Clear();
    return a;
  }
  Py_ssize_t pos = 0;
  PyObject* key = nullptr;
  PyObject* value = nullptr;
  while (PyDict_Next(d, &pos, &key, &value) != 0) {
    if (!PyUnicode_CheckExact(key)) {
      Py_DECREF(d);
      return a;
    }
  }
  a.dict.p = d;
  return a;
}

// Whether o is a ListNode, TreeNode or graph Node: by class name and instance attributes.
NodeShape node_shape(PyObject* o) {
  PyTypeObject* t = Py_TYPE(o);
  if ((t->tp_flags & Py_TPFLAGS_HEAPTYPE) == 0) {
    return NodeShape::none;
  }
  std::string_view name = t->tp_name;
  NodeShape shape = name == "ListNode"   ? NodeShape::list
                    : name == "TreeNode" ? NodeShape::tree
                    : name == "Node"     ? NodeShape::graph
                                         : NodeShape::none;
  if (shape == NodeShape::none) {
    return shape;
  }
  NodeAttrs a = attrs_of(o);
  bool ok = a.get("val") != nullptr &&
            (shape == NodeShape::list   ? a.get("next") != nullptr
             : shape == NodeShape::tree ? a.get("left") != nullptr && a.get("right") != nullptr
                                        : a.get("neighbors") != nullptr);
  return ok ? shape : NodeShape::none;
}

class Encoder {
 public:
  Encoder(wire::Writer& w, size_t max_bytes) : w_(w), max_(max_bytes) {}

  bool encode(PyObject* o, int depth) {
    if (depth > wire::k_max_depth) {
      return fail(EncodeError::Kind::too_deep,
                  fmt::format("the value is nested deeper than {} levels", wire::k_max_depth));
    }
    if (w_.size() > max_) {
      return too_large();
    }
    if (++count_ > wire::k_max_values) {
      return fail(EncodeError::Kind::too_large,
                  fmt::format("the value has more than {} elements", wire::k_max_values));
    }
    if (o == Py_None) {
      w_.u8(wire::tag::k_none);
      return true;
    }
    if (PyBool_Check(o)) {  // bool cannot be subclassed
      w_.u8(o == Py_True ? wire::tag::k_true : wire::tag::k_false);
      return true;
    }
    if (PyLong_CheckExact(o)) {
      return integer(o);
    }
    if (PyFloat_CheckExact(o)) {
      w_.u8(wire::tag::k_float);
      w_.f64(PyFloat_AS_DOUBLE(o));
      return true;
    }
    if (PyUnicode_CheckExact(o)) {
      Py_ssize_t n = 0;
      const char* s = PyUnicode_AsUTF8AndSize(o, &n);
      if (s == nullptr) {
        PyErr_Clear();
        return fail(EncodeError::Kind::bad_text,
                    "a str contains characters that are not valid Unicode (lone surrogates)");
      }
      return text(wire::tag::k_str, s, n);
    }
    if (PyBytes_CheckExact(o)) {
      return text(wire::tag::k_bytes, PyBytes_AS_STRING(o), PyBytes_GET_SIZE(o));
    }
    if (PyList_CheckExact(o) || PyTuple_CheckExact(o) || PyDict_CheckExact(o) ||
        PySet_CheckExact(o) || PyFrozenSet_CheckExact(o)) {
      return container(o, depth);
    }
    if (NodeShape shape = node_shape(o); shape != NodeShape::none) {
      return node(o, shape, depth);
    }
    return fail(EncodeError::Kind::bad_type, "a value of type " + describe_type(o));
  }

  EncodeError take_error() { return std::move(error_); }

 private:
  bool integer(PyObject* o) {
    int overflow = 0;
    long long v = PyLong_AsLongLongAndOverflow(o, &overflow);
    if (overflow == 0) {
      w_.u8(wire::tag::k_int);
      w_.i64(v);
      return true;
    }
    // Outside int64: sign and magnitude bytes, linear time whatever the size.
    int64_t bits = static_cast<int64_t>(_PyLong_NumBits(o));
    size_t nbytes = static_cast<size_t>((bits + 7) / 8);
    if (bits < 0 || w_.size() + nbytes > max_) {
      return too_large();
    }
    Ref magnitude(overflow < 0 ? PyNumber_Negative(o) : (Py_INCREF(o), o));
    if (magnitude.p == nullptr) {
      PyErr_Clear();
      return fail(EncodeError::Kind::too_large, "an int too large to encode");
    }
    std::string buf(nbytes, '\0');
    if (_PyLong_AsByteArray(reinterpret_cast<PyLongObject*>(magnitude.p),
                            reinterpret_cast<unsigned char*>(buf.data()), nbytes, 1, 0) != 0) {
      PyErr_Clear();
      return fail(EncodeError::Kind::too_large, "an int too large to encode");
    }
    w_.u8(wire::tag::k_big_int);
    w_.u8(overflow < 0 ? 1 : 0);
    w_.str(buf);
    return true;
  }

  bool text(char tag, const char* s, Py_ssize_t n) {
    if (w_.size() + static_cast<size_t>(n) > max_) {
      return too_large();
    }
    w_.u8(static_cast<uint8_t>(tag));
    w_.str(std::string_view(s, static_cast<size_t>(n)));
    return true;
  }

  bool container(PyObject* o, int depth) {
    for (PyObject* open : path_) {
      if (open == o) {
        return fail(EncodeError::Kind::cycle,
                    fmt::format("a self-referencing {} (it contains itself); return plain data "
                                "without cycles",
                                Py_TYPE(o)->tp_name));
      }
    }
    path_.push_back(o);
    bool ok = PyDict_CheckExact(o) ? dict(o, depth) : items(o, depth);
    path_.pop_back();
    return ok;
  }

  bool items(PyObject* o, int depth) {
    char tag = PyList_CheckExact(o)    ? wire::tag::k_list
               : PyTuple_CheckExact(o) ? wire::tag::k_tuple
               : PySet_CheckExact(o)   ? wire::tag::k_set
                                       : wire::tag::k_frozenset;
    w_.u8(static_cast<uint8_t>(tag));
    if (tag == wire::tag::k_list || tag == wire::tag::k_tuple) {
      // The GIL is held and no Python code runs here, so the size cannot change under us.
      Py_ssize_t n = tag == wire::tag::k_list ? PyList_GET_SIZE(o) : PyTuple_GET_SIZE(o);
      w_.u32(static_cast<uint32_t>(n));
      for (Py_ssize_t i = 0; i < n; ++i) {
        PyObject* item = tag == wire::tag::k_list ? PyList_GET_ITEM(o, i) : PyTuple_GET_ITEM(o, i);
        if (!encode(item, depth + 1)) {
          return at(fmt::format("[{}]", i));
        }
      }
      return true;
    }
    w_.u32(static_cast<uint32_t>(PySet_GET_SIZE(o)));
    Py_ssize_t pos = 0;
    PyObject* key = nullptr;
    Py_hash_t hash = 0;
    while (_PySet_NextEntry(o, &pos, &key, &hash) != 0) {
      if (!encode(key, depth + 1)) {
        return at("{…}");
      }
    }
    return true;
  }

  bool dict(PyObject* o, int depth) {
    w_.u8(wire::tag::k_dict);
    w_.u32(static_cast<uint32_t>(PyDict_Size(o)));
    Py_ssize_t pos = 0;
    PyObject* key = nullptr;
    PyObject* value = nullptr;
    while (PyDict_Next(o, &pos, &key, &value) != 0) {
      if (!encode(key, depth + 1)) {
        return at("{key}");
      }
      if (!encode(value, depth + 1)) {
        return at("[key #" + std::to_string(pos - 1) + "]");
      }
    }
    return true;
  }

  // A linked list, tree or graph from its head, root or first node, as its serialisation.
  bool node(PyObject* start, NodeShape shape, int depth) {
    switch (shape) {
      case NodeShape::list:
        return linked_list(start, depth);
      case NodeShape::tree:
        return tree(start, depth);
      case NodeShape::graph:
        return graph(start, depth);
      case NodeShape::none:
        break;
    }
    return false;
  }

  bool check_fresh(PyObject* n, const char* what) {
    if (forbidden_ != nullptr && forbidden_->contains(n)) {
      return fail(
          EncodeError::Kind::shared_node,
          fmt::format("{} of the input: return new nodes (a deep copy), not the input's", what));
    }
    return true;
  }

  // Follows `attr` of a node: None, or a node of the same shape. Sets *next.
  bool link(const NodeAttrs& attrs, PyObject* value, NodeShape shape, const char* attr,
            PyObject** next) {
    (void)attrs;
    if (value == nullptr || value == Py_None) {
      *next = nullptr;
      return true;
    }
    if (node_shape(value) != shape) {
      return fail(
          EncodeError::Kind::bad_structure,
          fmt::format("a node's `{}` is a {}, not None or a node", attr, Py_TYPE(value)->tp_name));
    }
    *next = value;
    return true;
  }

  bool linked_list(PyObject* head, int depth) {
    std::vector<NodeAttrs> nodes;
    std::unordered_set<PyObject*> seen;
    for (PyObject* n = head; n != nullptr;) {
      if (!seen.insert(n).second) {
        return fail(EncodeError::Kind::bad_structure,
                    fmt::format("the linked list has a cycle: node {} links back to an earlier "
                                "node",
                                nodes.size()));
      }
      if (nodes.size() >= wire::k_max_values || !check_fresh(n, "a ListNode")) {
        return nodes.size() >= wire::k_max_values ? count_exceeded() : false;
      }
      NodeAttrs a = attrs_of(n);
      PyObject* next = nullptr;
      if (!link(a, a.get("next"), NodeShape::list, "next", &next)) {
        return false;
      }
      if (a.get("val") == Py_None) {
        return fail(EncodeError::Kind::bad_structure,
                    fmt::format("node {} of the linked list has the value None", nodes.size()));
      }
      nodes.push_back(std::move(a));
      n = next;
    }
    w_.u8(wire::tag::k_linked_list);
    w_.u32(static_cast<uint32_t>(nodes.size()));
    for (size_t i = 0; i < nodes.size(); ++i) {
      if (!encode(nodes[i].get("val"), depth + 1)) {
        return at(fmt::format("node {} .val", i));
      }
    }
    return true;
  }

  bool tree(PyObject* root, int depth) {
    // Level order as LeetCode writes it: children of every present node, None for a missing
    // one, trailing Nones dropped.
    std::vector<PyObject*> order;  // nullptr for a missing child
    std::vector<NodeAttrs> attrs;
    std::unordered_set<PyObject*> seen;
    order.push_back(root);
    for (size_t i = 0; i < order.size(); ++i) {
      PyObject* n = order[i];
      if (n == nullptr) {
        continue;
      }
      if (!seen.insert(n).second) {
        return fail(EncodeError::Kind::bad_structure,
                    "not a tree: a TreeNode is reachable twice (a cycle or a shared child)");
      }
      if (order.size() >= wire::k_max_values) {
        return count_exceeded();
      }
      if (!check_fresh(n, "a TreeNode")) {
        return false;
      }
      NodeAttrs a = attrs_of(n);
      if (a.get("val") == Py_None) {
        return fail(EncodeError::Kind::bad_structure,
                    "a TreeNode has the value None, which level order cannot tell from a "
                    "missing child");
      }
      PyObject* left = nullptr;
      PyObject* right = nullptr;
      if (!link(a, a.get("left"), NodeShape::tree, "left", &left) ||
          !link(a, a.get("right"), NodeShape::tree, "right", &right)) {
        return false;
      }
      order.push_back(left);
      order.push_back(right);
      attrs.push_back(std::move(a));
    }
    while (!order.empty() && order.back() == nullptr) {
      order.pop_back();
    }
    w_.u8(wire::tag::k_tree);
    w_.u32(static_cast<uint32_t>(order.size()));
    size_t present = 0;
    for (PyObject* n : order) {
      if (n == nullptr) {
        w_.u8(wire::tag::k_none);
        continue;
      }
      if (!encode(attrs[present++].get("val"), depth + 1)) {
        return at("TreeNode .val");
      }
    }
    return true;
  }

  bool graph(PyObject* start, int depth) {
    (void)depth;
    // Breadth first over `neighbors`; LeetCode's convention: node values are 1..n.
    std::vector<PyObject*> nodes{start};
    std::vector<NodeAttrs> attrs;
    std::unordered_map<PyObject*, size_t> index{{start, 0}};
    for (size_t i = 0; i < nodes.size(); ++i) {
      if (!check_fresh(nodes[i], "a Node")) {
        return false;
      }
      NodeAttrs a = attrs_of(nodes[i]);
      PyObject* nb = a.get("neighbors");
      if (nb == nullptr || !PyList_CheckExact(nb)) {
        return fail(EncodeError::Kind::bad_structure,
                    "a Node's `neighbors` must be a plain list of Nodes");
      }
      for (Py_ssize_t k = 0; k < PyList_GET_SIZE(nb); ++k) {
        PyObject* m = PyList_GET_ITEM(nb, k);
        if (node_shape(m) != NodeShape::graph) {
          return fail(EncodeError::Kind::bad_structure,
                      fmt::format("a Node's neighbors hold a {}, not a Node", Py_TYPE(m)->tp_name));
        }
        if (index.emplace(m, nodes.size()).second) {
          nodes.push_back(m);
        }
      }
      if (nodes.size() + static_cast<size_t>(PyList_GET_SIZE(nb)) > wire::k_max_values) {
        return count_exceeded();
      }
      attrs.push_back(std::move(a));
    }
    // Node i must have value i + 1 (as LeetCode's serialisation assumes).
    std::vector<size_t> by_value(nodes.size(), SIZE_MAX);
    for (size_t i = 0; i < nodes.size(); ++i) {
      PyObject* v = attrs[i].get("val");
      int overflow = 0;
      long long val =
          v != nullptr && PyLong_CheckExact(v) ? PyLong_AsLongLongAndOverflow(v, &overflow) : 0;
      if (val < 1 || overflow != 0 || static_cast<size_t>(val) > nodes.size() ||
          by_value[static_cast<size_t>(val) - 1] != SIZE_MAX) {
        return fail(EncodeError::Kind::bad_structure,
                    fmt::format("the graph's {} nodes must have the values 1 to {}, each once "
                                "(LeetCode's convention)",
                                nodes.size(), nodes.size()));
      }
      by_value[static_cast<size_t>(val) - 1] = i;
    }
    w_.u8(wire::tag::k_graph);
    w_.u32(static_cast<uint32_t>(nodes.size()));
    for (size_t v = 0; v < nodes.size(); ++v) {
      PyObject* nb = attrs[by_value[v]].get("neighbors");
      w_.u8(wire::tag::k_list);
      w_.u32(static_cast<uint32_t>(PyList_GET_SIZE(nb)));
      for (Py_ssize_t k = 0; k < PyList_GET_SIZE(nb); ++k) {
        size_t j = index.at(PyList_GET_ITEM(nb, k));
        w_.u8(wire::tag::k_int);
        w_.i64(static_cast<int64_t>(attrs[j].get_long("val")));
      }
      if (w_.size() > max_) {
        return too_large();
      }
    }
    return true;
  }

  bool count_exceeded() {
    return fail(EncodeError::Kind::too_large,
                fmt::format("the value has more than {} elements", wire::k_max_values));
  }

  bool too_large() {
    return fail(EncodeError::Kind::too_large,
                fmt::format("the value is larger than the output limit of {} bytes", max_));
  }

  bool fail(EncodeError::Kind kind, std::string message) {
    error_ = {kind, std::move(message)};
    return false;
  }

  // Prefixes the failing element's position as the error travels up: "at [2][0]: …".
  bool at(const std::string& step) {
    if (error_.kind == EncodeError::Kind::too_large) {
      return false;  // position is noise for size errors
    }
    if (error_.message.starts_with("at ")) {
      error_.message.insert(3, step);
    } else {
      error_.message = "at " + step + ": " + error_.message;
    }
    return false;
  }

  wire::Writer& w_;
  size_t max_;
  const NodeSet* forbidden_ = nullptr;

 public:
  void forbid(const NodeSet* nodes) { forbidden_ = nodes; }

 private:
  std::vector<PyObject*> path_;  // containers being encoded, for cycle detection
  size_t count_ = 0;
  EncodeError error_;
};

// A Python error while building a value — MemoryError under the candidate's memory limit, a
// node class the candidate modified — is the test's failure, with that error: the input
// from the judge was fine.
PyObject* check(PyObject* o) {
  if (o == nullptr) {
    throw pybind11::error_already_set();
  }
  return o;
}

PyObject* decode_nodes(wire::Reader& r, char t, uint32_t n, int depth);

PyObject* decode_at(wire::Reader& r, int depth) {
  if (depth > wire::k_max_depth) {
    throw wire::DecodeError("argument nested too deeply");
  }
  char t = static_cast<char>(r.u8());
  switch (t) {
    case wire::tag::k_none:
      Py_RETURN_NONE;
    case wire::tag::k_true:
      Py_RETURN_TRUE;
    case wire::tag::k_false:
      Py_RETURN_FALSE;
    case wire::tag::k_int:
      return check(PyLong_FromLongLong(r.i64()));
    case wire::tag::k_big_int: {
      bool negative = r.boolean();
      std::string_view mag = r.str();
      Ref v(check(_PyLong_FromByteArray(reinterpret_cast<const unsigned char*>(mag.data()),
                                        mag.size(), 1, 0)));
      return negative ? check(PyNumber_Negative(v.p)) : v.release();
    }
    case wire::tag::k_float:
      return check(PyFloat_FromDouble(r.f64()));
    case wire::tag::k_str: {
      std::string_view s = r.str();
      return check(PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), "strict"));
    }
    case wire::tag::k_bytes: {
      std::string_view s = r.str();
      return check(PyBytes_FromStringAndSize(s.data(), static_cast<Py_ssize_t>(s.size())));
    }
    default:
      break;
  }
  uint32_t n = r.u32();
  if (n > r.remaining()) {
    throw wire::DecodeError("container larger than its frame");
  }
  auto size = static_cast<Py_ssize_t>(n);
  switch (t) {
    case wire::tag::k_list:
    case wire::tag::k_tuple: {
      Ref seq(check(t == wire::tag::k_list ? PyList_New(size) : PyTuple_New(size)));
      for (Py_ssize_t i = 0; i < size; ++i) {
        PyObject* item = decode_at(r, depth + 1);
        if (t == wire::tag::k_list) {
          PyList_SET_ITEM(seq.p, i, item);
        } else {
          PyTuple_SET_ITEM(seq.p, i, item);
        }
      }
      return seq.release();
    }
    case wire::tag::k_set:
    case wire::tag::k_frozenset: {
      Ref set(check(t == wire::tag::k_set ? PySet_New(nullptr) : PyFrozenSet_New(nullptr)));
      for (uint32_t i = 0; i < n; ++i) {
        Ref item(decode_at(r, depth + 1));
        if (PySet_Add(set.p, item.p) != 0) {
          check(nullptr);
        }
      }
      return set.release();
    }
    case wire::tag::k_dict: {
      Ref dict(check(PyDict_New()));
      for (uint32_t i = 0; i < n; ++i) {
        Ref key(decode_at(r, depth + 1));
        Ref value(decode_at(r, depth + 1));
        if (PyDict_SetItem(dict.p, key.p, value.p) != 0) {
          check(nullptr);
        }
      }
      return dict.release();
    }
    case wire::tag::k_linked_list:
    case wire::tag::k_tree:
    case wire::tag::k_graph:
      return decode_nodes(r, t, n, depth);
    default:
      throw wire::DecodeError(
          fmt::format("unknown value tag 0x{:02x}", static_cast<unsigned char>(t)));
  }
}

// Nodes are made without running any Python code: no __init__ or __new__ (whose code the
// candidate could swap in while the judge decodes an input, outside the timed call), and
// attributes stored the generic way, which only a data descriptor in the class could divert
// (node_attribute_diverted() rules that out). Anything else about the classes is the
// candidate's to add to: `ListNode.__lt__ = …` (for heapq) is the usual LeetCode idiom.
void set_attr(PyObject* node, const char* name, PyObject* value) {
  Ref key(check(PyUnicode_FromString(name)));
  if (PyObject_GenericSetAttr(node, key.p, value) != 0) {
    check(nullptr);
  }
}

// A node with its `val`; decode_nodes then sets every link of it (next, left and right,
// neighbors), in the order __init__ would, so each node has every attribute once.
PyObject* new_node(PyObject* cls, PyObject* val) {
  auto* type = reinterpret_cast<PyTypeObject*>(cls);
  Ref node(check(type->tp_alloc(type, 0)));
  set_attr(node.p, "val", val);
  return node.release();
}

// Builds LeetCode's node objects from a serialisation; returns the head, root or node 1
// (None for an empty one).
PyObject* decode_nodes(wire::Reader& r, char t, uint32_t n, int depth) {
  const NodeClasses& cls = node_classes();
  if (auto diverted = node_attribute_diverted()) {
    // The candidate's doing: its test fails, and says so.
    PyErr_Format(PyExc_TypeError,
                 "%s is no longer a plain attribute (the solution made it a property or "
                 "another descriptor): the judge sets it on every node it builds, so leave it "
                 "plain",
                 diverted->c_str());
    check(nullptr);
  }
  if (n == 0) {
    Py_RETURN_NONE;
  }
  std::vector<Ref> vals;
  vals.reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    vals.emplace_back(decode_at(r, depth + 1));
  }
  if (t == wire::tag::k_linked_list) {
    Ref next(Py_NewRef(Py_None));
    for (uint32_t i = n; i-- > 0;) {
      Ref node(new_node(cls.list_node, vals[i].p));
      set_attr(node.p, "next", next.p);
      Py_DECREF(next.p);
      next.p = node.release();
    }
    return next.release();
  }
  if (t == wire::tag::k_tree) {
    if (vals[0].p == Py_None) {
      throw wire::DecodeError("a tree's root is null");
    }
    std::vector<Ref> nodes;
    nodes.reserve(n);
    for (uint32_t i = 0; i < n; ++i) {
      nodes.emplace_back(vals[i].p == Py_None ? nullptr : new_node(cls.tree_node, vals[i].p));
    }
    // Level order: each present node takes the next two entries as its children; every
    // entry after the root must be some present node's child.
    size_t child = 1;
    for (size_t i = 0; i < n; ++i) {
      if (i > 0 && i >= child) {
        throw wire::DecodeError("a tree's level order has children below missing nodes");
      }
      if (nodes[i].p == nullptr) {
        continue;
      }
      for (const char* side : {"left", "right"}) {  // past the last entry: no child
        PyObject* below = child < n && nodes[child].p != nullptr ? nodes[child].p : Py_None;
        set_attr(nodes[i].p, side, below);
        child += child < n ? 1 : 0;
      }
    }
    return Py_NewRef(nodes[0].p);
  }
  // Graph: item i lists the neighbours (1-based) of the node with value i + 1.
  std::vector<Ref> nodes;
  nodes.reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    Ref val(check(PyLong_FromUnsignedLong(i + 1)));
    nodes.emplace_back(new_node(cls.graph_node, val.p));
  }
  for (uint32_t i = 0; i < n; ++i) {
    if (!PyList_CheckExact(vals[i].p)) {
      throw wire::DecodeError("a graph's adjacency entry is not a list");
    }
    Ref neighbors(check(PyList_New(0)));
    for (Py_ssize_t k = 0; k < PyList_GET_SIZE(vals[i].p); ++k) {
      PyObject* v = PyList_GET_ITEM(vals[i].p, k);
      long long j = PyLong_CheckExact(v) ? PyLong_AsLongLong(v) : 0;
      if (j < 1 || j > static_cast<long long>(n)) {
        PyErr_Clear();
        throw wire::DecodeError("a graph's neighbour is not a node number 1..n");
      }
      if (PyList_Append(neighbors.p, nodes[static_cast<size_t>(j - 1)].p) != 0) {
        check(nullptr);
      }
    }
    set_attr(nodes[i].p, "neighbors", neighbors.p);
  }
  return Py_NewRef(nodes[0].p);
}

// Every node reachable from o, through containers and node links, without recursion (a
// 100,000-node path must be covered whole).
void collect_at(PyObject* root, NodeSet& out) {
  std::vector<PyObject*> todo{root};
  std::unordered_set<PyObject*> containers;
  while (!todo.empty()) {
    PyObject* o = todo.back();
    todo.pop_back();
    if (PyList_CheckExact(o) || PyTuple_CheckExact(o)) {
      if (containers.insert(o).second) {
        Py_ssize_t n = PySequence_Fast_GET_SIZE(o);
        for (Py_ssize_t i = 0; i < n; ++i) {
          todo.push_back(PySequence_Fast_GET_ITEM(o, i));
        }
      }
      continue;
    }
    if (PyDict_CheckExact(o)) {
      if (containers.insert(o).second) {
        Py_ssize_t pos = 0;
        PyObject* k = nullptr;
        PyObject* v = nullptr;
        while (PyDict_Next(o, &pos, &k, &v) != 0) {
          todo.push_back(v);
        }
      }
      continue;
    }
    if (node_shape(o) == NodeShape::none || !out.insert(o)) {
      continue;
    }
    NodeAttrs a = attrs_of(o);
    for (const char* l : {"next", "left", "right"}) {
      if (PyObject* v = a.get(l); v != nullptr && v != Py_None) {
        todo.push_back(v);
      }
    }
    if (PyObject* nb = a.get("neighbors"); nb != nullptr && PyList_CheckExact(nb)) {
      for (Py_ssize_t k = 0; k < PyList_GET_SIZE(nb); ++k) {
        todo.push_back(PyList_GET_ITEM(nb, k));
      }
    }
  }
}

}  // namespace

const NodeClasses& node_classes() {
  static NodeClasses classes = [] {
    static const char* k_source = R"PY(
class ListNode:
    def __init__(self, val=0, next=None):
        self.val = val
        self.next = next

    def __repr__(self):
        return f"ListNode({self.val!r})"


class TreeNode:
    def __init__(self, val=0, left=None, right=None):
        self.val = val
        self.left = left
        self.right = right

    def __repr__(self):
        return f"TreeNode({self.val!r})"


class Node:
    def __init__(self, val=0, neighbors=None):
        self.val = val
        self.neighbors = neighbors if neighbors is not None else []

    def __repr__(self):
        return f"Node({self.val!r})"
)PY";
    Ref globals(check(PyDict_New()));
    PyDict_SetItemString(globals.p, "__builtins__", PyEval_GetBuiltins());
    PyDict_SetItemString(globals.p, "__name__", Ref(check(PyUnicode_FromString("pyjudge"))).p);
    Ref done(check(PyRun_String(k_source, Py_file_input, globals.p, globals.p)));
    NodeClasses c;
    c.list_node = Py_NewRef(PyDict_GetItemString(globals.p, "ListNode"));
    c.tree_node = Py_NewRef(PyDict_GetItemString(globals.p, "TreeNode"));
    c.graph_node = Py_NewRef(PyDict_GetItemString(globals.p, "Node"));
    return c;
  }();
  return classes;
}

std::optional<std::string> node_attribute_diverted() {
  const NodeClasses& c = node_classes();
  const std::pair<PyObject*, std::vector<const char*>> attrs[] = {
      {c.list_node, {"val", "next"}},
      {c.tree_node, {"val", "left", "right"}},
      {c.graph_node, {"val", "neighbors"}}};
  for (const auto& [cls, names] : attrs) {
    auto* type = reinterpret_cast<PyTypeObject*>(cls);
    for (const char* name : names) {
      Ref key(check(PyUnicode_FromString(name)));
      // What PyObject_GenericSetAttr would find: a data descriptor there runs its code.
      PyObject* found = _PyType_Lookup(type, key.p);  // borrowed; runs no Python code
      if (found != nullptr && Py_TYPE(found)->tp_descr_set != nullptr) {
        return fmt::format("{}.{}", type->tp_name, name);
      }
    }
  }
  return std::nullopt;
}

NodeSet::~NodeSet() {
  for (PyObject* n : ids_) {
    Py_DECREF(n);
  }
}

bool NodeSet::insert(PyObject* node) {
  if (!ids_.insert(node).second) {
    return false;
  }
  Py_INCREF(node);
  return true;
}

void collect_nodes(PyObject* obj, NodeSet& out) {
  collect_at(obj, out);
}

std::optional<EncodeError> encode_value(PyObject* obj, wire::Writer& w, size_t max_bytes,
                                        const NodeSet* forbidden) {
  Encoder e(w, max_bytes);
  e.forbid(forbidden);
  if (e.encode(obj, 0)) {
    return std::nullopt;
  }
  return e.take_error();
}

PyObject* decode_value(wire::Reader& r) {
  return decode_at(r, 0);
}

}  // namespace pyjudge::harness
