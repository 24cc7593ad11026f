// RUN: %check_memreview %s memreview-shared-ptr-cycle %t
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <tuple>
#include <vector>

// ===== parent and child =====

// The child owns its parent, and the parent owns its children.
namespace shared_parent {
struct Child;
struct Parent {
  std::vector<std::shared_ptr<Child>> children;
};
struct Child {
  std::shared_ptr<Parent> parent;
  // CHECK-NOTES: :[[@LINE-1]]:27: warning: 'shared_parent::Parent::children' and 'shared_parent::Child::parent' own each other through std::shared_ptr, so neither object is ever destroyed; make 'shared_parent::Child::parent' a std::weak_ptr [memreview-shared-ptr-cycle]
  // CHECK-NOTES: :[[@LINE-5]]:39: note: 'shared_parent::Parent' owns 'shared_parent::Child' through 'shared_parent::Parent::children'
  // CHECK-NOTES: :[[@LINE-3]]:27: note: 'shared_parent::Child' owns 'shared_parent::Parent' through 'shared_parent::Child::parent'
  // CHECK-NOTES: :[[@LINE-4]]:27: note: make 'shared_parent::Child::parent' a std::weak_ptr: its name says that it points back to a parent, an owner or a previous element
};
} // namespace shared_parent

// Twin: the child only observes its parent.
namespace weak_parent {
struct Child;
struct Parent {
  std::vector<std::shared_ptr<Child>> children;
};
struct Child {
  std::weak_ptr<Parent> parent;
};
} // namespace weak_parent

// ===== doubly linked list =====

// Each node owns the next one and the previous one.
struct SharedListNode {
  int value = 0;
  std::shared_ptr<SharedListNode> next;
  std::shared_ptr<SharedListNode> prev;
  // CHECK-NOTES: :[[@LINE-1]]:35: warning: 'SharedListNode::next' and 'SharedListNode::prev' own each other through std::shared_ptr, so neither object is ever destroyed; make 'SharedListNode::prev' a std::weak_ptr [memreview-shared-ptr-cycle]
  // CHECK-NOTES: :[[@LINE-3]]:35: note: 'SharedListNode' owns another 'SharedListNode' through 'SharedListNode::next'
  // CHECK-NOTES: :[[@LINE-3]]:35: note: 'SharedListNode' owns another 'SharedListNode' through 'SharedListNode::prev'
  // CHECK-NOTES: :[[@LINE-4]]:35: note: make 'SharedListNode::prev' a std::weak_ptr: its name says that it points back to a parent, an owner or a previous element
};

// Twin: the back link is weak.
struct WeakListNode {
  int value = 0;
  std::shared_ptr<WeakListNode> next;
  std::weak_ptr<WeakListNode> prev;
};

// ===== observers =====

// The subject owns its observers and each observer owns its subject.
struct Observer;
struct Subject {
  std::list<std::shared_ptr<Observer>> observers;
  void notifyAll();
};
struct Observer {
  std::shared_ptr<Subject> subject;
  // CHECK-NOTES: :[[@LINE-5]]:40: warning: 'Observer::subject' and 'Subject::observers' own each other through std::shared_ptr, so neither object is ever destroyed; make 'Subject::observers' hold std::weak_ptr [memreview-shared-ptr-cycle]
  // CHECK-NOTES: :[[@LINE-2]]:28: note: 'Observer' owns 'Subject' through 'Observer::subject'
  // CHECK-NOTES: :[[@LINE-7]]:40: note: 'Subject' owns 'Observer' through 'Subject::observers'
  // CHECK-NOTES: :[[@LINE-8]]:40: note: make 'Subject::observers' hold std::weak_ptr: its name says that it points to observers, listeners or delegates
  void update();
};

// Twin: the subject keeps its observers weakly.
struct WeakObserver;
struct WeakSubject {
  std::list<std::weak_ptr<WeakObserver>> observers;
};
struct WeakObserver {
  std::shared_ptr<WeakSubject> subject;
};

// ===== callbacks =====

// The dialog owns its button; the button's click handler owns the dialog.
struct Button {
  std::function<void()> onClick;
};
struct Dialog : std::enable_shared_from_this<Dialog> {
  std::shared_ptr<Button> ok = std::make_shared<Button>();
  void close();
  void open() {
    ok->onClick = [self = shared_from_this()] { self->close(); };
    // CHECK-NOTES: :[[@LINE-1]]:20: warning: 'Dialog::ok' and 'Button::onClick' own each other through std::shared_ptr, so neither object is ever destroyed; make the lambda stored in 'Button::onClick' capture a std::weak_ptr [memreview-shared-ptr-cycle]
    // CHECK-NOTES: :[[@LINE-5]]:27: note: 'Dialog' owns 'Button' through 'Dialog::ok'
    // CHECK-NOTES: :[[@LINE-3]]:20: note: 'Button' owns 'Dialog' through 'Button::onClick': the lambda stored there captures 'self'
    // CHECK-NOTES: :[[@LINE-4]]:20: note: make the lambda stored in 'Button::onClick' capture a std::weak_ptr: a stored callback should not keep its target alive
  }
};

// Twin: the handler captures the dialog weakly.
struct WeakButton {
  std::function<void()> onClick;
};
struct WeakDialog : std::enable_shared_from_this<WeakDialog> {
  std::shared_ptr<WeakButton> ok = std::make_shared<WeakButton>();
  void close();
  void open() {
    ok->onClick = [weak = weak_from_this()] {
      if (std::shared_ptr<WeakDialog> self = weak.lock())
        self->close();
    };
  }
};

// ===== cycles through containers, wrappers and bases =====

// The library owns its books in a map; each book owns its library.
struct Book;
struct Library {
  std::map<int, std::shared_ptr<Book>> books;
};
struct Book {
  std::shared_ptr<Library> library;
  // CHECK-NOTES: :[[@LINE-1]]:28: warning: 'Library::books' and 'Book::library' own each other through std::shared_ptr, so neither object is ever destroyed; make 'Book::library' a std::weak_ptr [memreview-shared-ptr-cycle]
  // CHECK-NOTES: :[[@LINE-5]]:40: note: 'Library' owns 'Book' through 'Library::books'
  // CHECK-NOTES: :[[@LINE-3]]:28: note: 'Book' owns 'Library' through 'Book::library'
  // CHECK-NOTES: :[[@LINE-4]]:28: note: make 'Book::library' a std::weak_ptr: 'Library' holds 'Book' in a container, so 'Book::library' points back to its holder
};

// Twin: each book observes its library.
struct WeakBook;
struct WeakLibrary {
  std::map<int, std::shared_ptr<WeakBook>> books;
};
struct WeakBook {
  std::weak_ptr<WeakLibrary> library;
};

// A club owns its members in a set; each member owns the club.
struct ClubMember;
struct Club {
  std::set<std::shared_ptr<ClubMember>> members;
};
struct ClubMember {
  std::shared_ptr<Club> club;
  // CHECK-NOTES: :[[@LINE-1]]:25: warning: 'Club::members' and 'ClubMember::club' own each other through std::shared_ptr, so neither object is ever destroyed; make 'ClubMember::club' a std::weak_ptr [memreview-shared-ptr-cycle]
  // CHECK-NOTES: :[[@LINE-5]]:41: note: 'Club' owns 'ClubMember' through 'Club::members'
  // CHECK-NOTES: :[[@LINE-3]]:25: note: 'ClubMember' owns 'Club' through 'ClubMember::club'
  // CHECK-NOTES: :[[@LINE-4]]:25: note: make 'ClubMember::club' a std::weak_ptr: 'Club' holds 'ClubMember' in a container, so 'ClubMember::club' points back to its holder
};

// Twin: each member observes the club.
struct WeakClubMember;
struct WeakClub {
  std::set<std::shared_ptr<WeakClubMember>> members;
};
struct WeakClubMember {
  std::weak_ptr<WeakClub> club;
};

// A session owns its current request in an optional; the request owns the
// session that created it.
struct Request;
struct Session {
  std::optional<std::shared_ptr<Request>> current;
  void start();
};
struct Request {
  std::tuple<int, std::shared_ptr<Session>> origin;
  // CHECK-NOTES: :[[@LINE-1]]:45: warning: 'Session::current' and 'Request::origin' own each other through std::shared_ptr, so neither object is ever destroyed; make 'Request::origin' hold std::weak_ptr [memreview-shared-ptr-cycle]
  // CHECK-NOTES: :[[@LINE-6]]:43: note: 'Session' owns 'Request' through 'Session::current'
  // CHECK-NOTES: :[[@LINE-3]]:45: note: 'Request' owns 'Session' through 'Request::origin'
  // CHECK-NOTES: :[[@LINE-4]]:45: note: make 'Request::origin' hold std::weak_ptr: 'Session' creates 'Request', so 'Request::origin' points back to its creator
};

void Session::start() { current = std::make_shared<Request>(); }

// Twin: the request observes the session that created it.
struct WeakRequest;
struct WeakSession {
  std::optional<std::shared_ptr<WeakRequest>> current;
};
struct WeakRequest {
  std::tuple<int, std::weak_ptr<WeakSession>> origin;
};

// A pool owns its workers in an array; a worker owns the pool through a base.
struct Pool;
struct PoolMember {
  std::shared_ptr<Pool> pool;
};
struct Worker : PoolMember {
  int id = 0;
};
struct Pool {
  std::shared_ptr<Worker> workers[4];
  // CHECK-NOTES: :[[@LINE-7]]:25: warning: 'Pool::workers' and 'PoolMember::pool' own each other through std::shared_ptr, so neither object is ever destroyed; make 'PoolMember::pool' a std::weak_ptr [memreview-shared-ptr-cycle]
  // CHECK-NOTES: :[[@LINE-2]]:27: note: 'Pool' owns 'Worker' through 'Pool::workers'
  // CHECK-NOTES: :[[@LINE-9]]:25: note: 'Worker' owns 'Pool' through 'PoolMember::pool'
  // CHECK-NOTES: :[[@LINE-10]]:25: note: make 'PoolMember::pool' a std::weak_ptr: 'Pool' holds 'Worker' in a container, so 'PoolMember::pool' points back to its holder
};

// Twin: the base observes the pool.
struct WeakPool;
struct WeakPoolMember {
  std::weak_ptr<WeakPool> pool;
};
struct WeakWorker : WeakPoolMember {
  int id = 0;
};
struct WeakPool {
  std::shared_ptr<WeakWorker> workers[4];
};

// A panel owns its widgets through their base class; a label owns the
// component it belongs to through the same base.
struct Component {
  virtual ~Component() = default;
};
struct Panel : Component {
  std::vector<std::shared_ptr<Component>> widgets;
};
struct Label : Component {
  std::shared_ptr<Component> parent;
  // CHECK-NOTES: :[[@LINE-1]]:30: warning: 'Panel::widgets' and 'Label::parent' own each other through std::shared_ptr, so neither object is ever destroyed; make 'Label::parent' a std::weak_ptr [memreview-shared-ptr-cycle]
  // CHECK-NOTES: :[[@LINE-5]]:43: note: 'Panel' can own 'Label' through 'Panel::widgets', which holds 'Component', a base of 'Label'
  // CHECK-NOTES: :[[@LINE-3]]:30: note: 'Label' can own 'Panel' through 'Label::parent', which holds 'Component', a base of 'Panel'
  // CHECK-NOTES: :[[@LINE-4]]:30: note: make 'Label::parent' a std::weak_ptr: its name says that it points back to a parent, an owner or a previous element
};

// Twin: the label observes the component it belongs to.
struct WeakComponent {
  virtual ~WeakComponent() = default;
};
struct WeakPanel : WeakComponent {
  std::vector<std::shared_ptr<WeakComponent>> widgets;
};
struct WeakLabel : WeakComponent {
  std::weak_ptr<WeakComponent> parent;
};

// A database owns its implementation uniquely; the implementation owns the
// database.
struct DatabaseImpl;
struct Database {
  std::unique_ptr<DatabaseImpl> impl;
  Database();
};
struct DatabaseImpl {
  std::shared_ptr<Database> owner;
  // CHECK-NOTES: :[[@LINE-1]]:29: warning: 'Database::impl' and 'DatabaseImpl::owner' own each other through std::shared_ptr, so neither object is ever destroyed; make 'DatabaseImpl::owner' a std::weak_ptr [memreview-shared-ptr-cycle]
  // CHECK-NOTES: :[[@LINE-6]]:33: note: 'Database' owns 'DatabaseImpl' through 'Database::impl'
  // CHECK-NOTES: :[[@LINE-3]]:29: note: 'DatabaseImpl' owns 'Database' through 'DatabaseImpl::owner'
  // CHECK-NOTES: :[[@LINE-4]]:29: note: make 'DatabaseImpl::owner' a std::weak_ptr: its name says that it points back to a parent, an owner or a previous element
};

// Twin: the implementation observes the database.
struct WeakDatabaseImpl;
struct WeakDatabase {
  std::unique_ptr<WeakDatabaseImpl> impl;
  WeakDatabase();
};
struct WeakDatabaseImpl {
  std::weak_ptr<WeakDatabase> owner;
};

// A ledger owns its accounts through a handle class; each account owns its
// ledger.
struct Account;
struct AccountRef {
  std::shared_ptr<Account> account;
};
struct Ledger {
  std::vector<AccountRef> accounts;
};
struct Account {
  std::shared_ptr<Ledger> ledger;
  // CHECK-NOTES: :[[@LINE-1]]:27: warning: 'Ledger::accounts', 'AccountRef::account' and 'Account::ledger' own each other through std::shared_ptr, so none of the objects is ever destroyed; make 'Account::ledger' a std::weak_ptr [memreview-shared-ptr-cycle]
  // CHECK-NOTES: :[[@LINE-5]]:27: note: 'Ledger' owns 'AccountRef' through 'Ledger::accounts'
  // CHECK-NOTES: :[[@LINE-9]]:28: note: 'AccountRef' owns 'Account' through 'AccountRef::account'
  // CHECK-NOTES: :[[@LINE-4]]:27: note: 'Account' owns 'Ledger' through 'Account::ledger'
  // CHECK-NOTES: :[[@LINE-5]]:27: note: make 'Account::ledger' a std::weak_ptr: nothing tells which way ownership goes, so the member declared last is chosen
};

// Twin: each account observes its ledger.
struct WeakAccount;
struct WeakAccountRef {
  std::shared_ptr<WeakAccount> account;
};
struct WeakLedger {
  std::vector<WeakAccountRef> accounts;
};
struct WeakAccount {
  std::weak_ptr<WeakLedger> ledger;
};

// ===== three classes =====

// Engine -> Gearbox -> Wheel -> Engine, and Gearbox -> Engine as well: one
// strongly connected component, reported once.
struct Gearbox;
struct Wheel;
struct Engine {
  std::shared_ptr<Gearbox> gearbox;
};
struct Gearbox {
  std::shared_ptr<Wheel> wheel;
  std::shared_ptr<Engine> engine;
};
struct Wheel {
  std::shared_ptr<Engine> drive;
  // CHECK-NOTES: :[[@LINE-1]]:27: warning: 'Engine::gearbox', 'Gearbox::wheel' and 'Wheel::drive' own each other through std::shared_ptr, so none of the objects is ever destroyed; make 'Wheel::drive' a std::weak_ptr, and weaken 1 more member that the notes name [memreview-shared-ptr-cycle]
  // CHECK-NOTES: :[[@LINE-9]]:28: note: 'Engine' owns 'Gearbox' through 'Engine::gearbox'
  // CHECK-NOTES: :[[@LINE-7]]:26: note: 'Gearbox' owns 'Wheel' through 'Gearbox::wheel'
  // CHECK-NOTES: :[[@LINE-4]]:27: note: 'Wheel' owns 'Engine' through 'Wheel::drive'
  // CHECK-NOTES: :[[@LINE-5]]:27: note: make 'Wheel::drive' a std::weak_ptr: nothing tells which way ownership goes, so the member declared last is chosen
  // CHECK-NOTES: :[[@LINE-9]]:27: note: make 'Gearbox::engine' a std::weak_ptr: nothing tells which way ownership goes, so the member declared last is chosen
};

// Twin: both links back to the engine are weak.
struct WeakGearbox;
struct WeakWheel;
struct WeakEngine {
  std::shared_ptr<WeakGearbox> gearbox;
};
struct WeakGearbox {
  std::shared_ptr<WeakWheel> wheel;
  std::weak_ptr<WeakEngine> engine;
};
struct WeakWheel {
  std::weak_ptr<WeakEngine> drive;
};

// Sender -> Channel -> Receiver -> Sender: a ring of three classes.
struct Channel;
struct Receiver;
struct Sender {
  std::shared_ptr<Channel> channel;
};
struct Channel {
  std::shared_ptr<Receiver> receiver;
};
struct Receiver {
  std::shared_ptr<Sender> replyTo;
  // CHECK-NOTES: :[[@LINE-1]]:27: warning: 'Sender::channel', 'Channel::receiver' and 'Receiver::replyTo' own each other through std::shared_ptr, so none of the objects is ever destroyed; make 'Receiver::replyTo' a std::weak_ptr [memreview-shared-ptr-cycle]
  // CHECK-NOTES: :[[@LINE-8]]:28: note: 'Sender' owns 'Channel' through 'Sender::channel'
  // CHECK-NOTES: :[[@LINE-6]]:29: note: 'Channel' owns 'Receiver' through 'Channel::receiver'
  // CHECK-NOTES: :[[@LINE-4]]:27: note: 'Receiver' owns 'Sender' through 'Receiver::replyTo'
  // CHECK-NOTES: :[[@LINE-5]]:27: note: make 'Receiver::replyTo' a std::weak_ptr: nothing tells which way ownership goes, so the member declared last is chosen
};

// Twin: a chain of three classes that does not come back.
struct Car;
struct Axle;
struct Tyre {
  int pressure = 0;
};
struct Car {
  std::shared_ptr<Axle> front;
};
struct Axle {
  std::vector<std::shared_ptr<Tyre>> tyres;
};

// ===== known gaps =====

// FP: 'ChatConnection::close()' breaks the cycle before the server lets its
// connections go; the classes alone cannot show that.
struct ChatServer;
struct ChatConnection {
  std::shared_ptr<ChatServer> server;
  void close() { server.reset(); }
};
struct ChatServer {
  std::vector<std::shared_ptr<ChatConnection>> connections;
  // CHECK-NOTES: :[[@LINE-5]]:31: warning: 'ChatServer::connections' and 'ChatConnection::server' own each other through std::shared_ptr, so neither object is ever destroyed; make 'ChatConnection::server' a std::weak_ptr [memreview-shared-ptr-cycle]
  // CHECK-NOTES: :[[@LINE-2]]:48: note: 'ChatServer' owns 'ChatConnection' through 'ChatServer::connections'
  // CHECK-NOTES: :[[@LINE-7]]:31: note: 'ChatConnection' owns 'ChatServer' through 'ChatConnection::server'
  // CHECK-NOTES: :[[@LINE-8]]:31: note: make 'ChatConnection::server' a std::weak_ptr: 'ChatServer' holds 'ChatConnection' in a container, so 'ChatConnection::server' points back to its holder
};

// Twin: the connection observes its server; nothing has to be closed.
struct WeakChatServer;
struct WeakChatConnection {
  std::weak_ptr<WeakChatServer> server;
};
struct WeakChatServer {
  std::vector<std::shared_ptr<WeakChatConnection>> connections;
};

// FN: the link up is not named like a back pointer, so these folders are
// taken for a tree.
struct Folder {
  std::vector<std::shared_ptr<Folder>> entries;
  std::shared_ptr<Folder> above;
};

// ===== shapes that are not cycles =====

// A singly linked list: one member that owns the class itself.
struct ForwardNode {
  int value = 0;
  std::shared_ptr<ForwardNode> next;
};

// A tree whose nodes own their children and observe their parent.
struct TreeNode {
  std::vector<std::shared_ptr<TreeNode>> children;
  std::weak_ptr<TreeNode> parent;
};

// A binary tree: two members own the class itself, both downwards.
struct BinaryNode {
  std::shared_ptr<BinaryNode> left;
  std::shared_ptr<BinaryNode> right;
};

// A syntax tree of polymorphic nodes: every edge goes through the base class,
// so the classes only may own each other (a composite, not a cycle).
struct Node {
  virtual ~Node() = default;
};
struct Block : Node {
  std::vector<std::shared_ptr<Node>> statements;
};
struct IfNode : Node {
  std::shared_ptr<Node> condition;
  std::shared_ptr<Node> body;
};

// A graph of prerequisites through a handle class: each task owns earlier
// tasks, a graph without cycles (the shape of gmock's Expectation).
struct Task;
struct TaskHandle {
  std::shared_ptr<Task> task;
};
struct Task {
  std::vector<TaskHandle> prerequisites;
};

// A tree of commands where a derived class inherits the one member that owns
// subcommands: the same member both ways is still a tree (CLI11's App and
// Option_group).
struct Command {
  virtual ~Command() = default;
  std::vector<std::shared_ptr<Command>> subcommands;
};
struct CommandGroup : Command {
  int index = 0;
};

// A unique_ptr chain is a list, not a cycle.
struct Segment {
  std::unique_ptr<Segment> next;
};

// Raw pointers and references do not own.
struct Peer;
struct Host {
  std::shared_ptr<Peer> peer;
};
struct Peer {
  Host *host = nullptr;
};
