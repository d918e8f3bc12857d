// Python objects ⇄ wire values (harness/wire.hpp), in the child interpreter.
//
// The encoder accepts exact builtin types only — never a subclass, never an object whose
// behaviour (__eq__, __iter__, __hash__, __str__) could lie — and it never calls into
// Python: it reads objects through the C API with the GIL held, so no candidate code (and
// no candidate thread) runs while a result is being encoded (I2).
#pragma once

#include <Python.h>

#include <optional>
#include <string>
#include <unordered_set>

#include "harness/wire.hpp"

namespace pyjudge::harness {

struct EncodeError {
  enum class Kind { bad_type, cycle, too_deep, too_large, bad_text, bad_structure, shared_node };
  Kind kind = Kind::bad_type;
  std::string message;  // e.g. "at [2]: a value of type MyList (a subclass of list) …"
};

// LeetCode's node classes. An object is a node when its class has one of these names and
// its instance dict holds the attributes (val and next; val, left and right; val and
// neighbors): the candidate may use the classes pyjudge provides or define its own. Node
// attributes are read from the instance dict, so no candidate code runs while encoding.
struct NodeClasses {
  PyObject* list_node = nullptr;  // borrowed; the classes live as long as the interpreter
  PyObject* tree_node = nullptr;
  PyObject* graph_node = nullptr;
};
// Defines ListNode, TreeNode and Node (once per process) and returns them.
const NodeClasses& node_classes();
// A node attribute the judge sets (val, next, left, right, neighbors) that a data
// descriptor in its class would now divert into Python code, as `ListNode.val`, or nothing.
std::optional<std::string> node_attribute_diverted();

// The nodes of a call's arguments (fresh_nodes). It holds a reference to each, so a node
// the candidate detaches and drops cannot be freed and its address reused by a new node.
class NodeSet {
 public:
  NodeSet() = default;
  NodeSet(const NodeSet&) = delete;
  NodeSet& operator=(const NodeSet&) = delete;
  ~NodeSet();
  bool insert(PyObject* node);  // false if already there
  [[nodiscard]] bool contains(PyObject* node) const { return ids_.contains(node); }
  [[nodiscard]] size_t size() const { return ids_.size(); }

 private:
  std::unordered_set<PyObject*> ids_;
};

// Appends obj to w. max_bytes bounds the whole writer. A node found in `forbidden` (the
// arguments' nodes, for fresh_nodes) is an error. Requires the GIL.
[[nodiscard]] std::optional<EncodeError> encode_value(PyObject* obj, wire::Writer& w,
                                                      size_t max_bytes,
                                                      const NodeSet* forbidden = nullptr);

// Adds every node reachable from obj (through containers and node links) to out. The
// caller keeps obj alive while it uses the set.
void collect_nodes(PyObject* obj, NodeSet& out);

// A new reference to the decoded object. Throws wire::DecodeError. Requires the GIL.
PyObject* decode_value(wire::Reader& r);

}  // namespace pyjudge::harness
