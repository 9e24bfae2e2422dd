// Command go_matrix drives github.com/samuel/go-zookeeper (Debian's
// golang-github-samuel-go-zookeeper-dev) against one server, one case at a time.
//
// Usage: go_matrix HOST:PORT [CASE ...]
//
// Prints one line per case, "CASE <name> PASS" or "CASE <name> FAIL <why>", and exits 0
// only when all passed. Each case gets its own connections and a fresh root; every wait
// is bounded.
package main

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log"
	"net"
	"os"
	"reflect"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/samuel/go-zookeeper/zk"
)

const (
	waitTime    = 10 * time.Second
	caseTime    = 30 * time.Second
	sessionTime = 10 * time.Second
)

type checkFailed string

func (c checkFailed) Error() string { return string(c) }

func check(condition bool, format string, args ...interface{}) {
	if !condition {
		panic(checkFailed(fmt.Sprintf(format, args...)))
	}
}

func checkEqual(expected, actual interface{}, what string) {
	check(reflect.DeepEqual(expected, actual), "%s: expected %#v, got %#v", what, expected, actual)
}

func must(err error, what string) {
	check(err == nil, "%s: %v", what, err)
}

func expectErr(expected, actual error, what string) {
	check(actual == expected, "%s: expected %v, got %v", what, expected, actual)
}

func nextEvent(events <-chan zk.Event, what string) zk.Event {
	select {
	case e := <-events:
		return e
	case <-time.After(waitTime):
		panic(checkFailed(fmt.Sprintf("waited %v for %s", waitTime, what)))
	}
}

func describe(e zk.Event) string { return fmt.Sprintf("%v %s", e.Type, e.Path) }

// session is one case's set of connections, all closed when the case ends.
type session struct {
	hosts string
	mu    sync.Mutex
	conns []*zk.Conn
}

// connect returns a connection with a session, and its session-state events.
func (s *session) connect() (*zk.Conn, <-chan zk.Event) {
	return s.connectVia(net.DialTimeout)
}

// connectVia is connect through a dialer of the caller's, which can cut the socket later.
func (s *session) connectVia(dialer zk.Dialer) (*zk.Conn, <-chan zk.Event) {
	conn, events, err := zk.Connect([]string{s.hosts}, sessionTime, zk.WithLogger(quiet{}), zk.WithDialer(dialer))
	must(err, "connect")
	s.mu.Lock()
	s.conns = append(s.conns, conn)
	s.mu.Unlock()
	waitState(events, zk.StateHasSession)
	return conn, events
}

func waitState(events <-chan zk.Event, state zk.State) {
	deadline := time.After(waitTime)
	for {
		select {
		case e := <-events:
			if e.Type == zk.EventSession && e.State == state {
				return
			}
		case <-deadline:
			panic(checkFailed(fmt.Sprintf("waited %v for %v", waitTime, state)))
		}
	}
}

// close ends one connection's session; the library panics on a second Close.
func (s *session) close(conn *zk.Conn) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, c := range s.conns {
		if c == conn {
			s.conns = append(s.conns[:i], s.conns[i+1:]...)
			conn.Close()
			return
		}
	}
}

func (s *session) closeAll() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range s.conns {
		c.Close()
	}
	s.conns = nil
}

// quiet keeps the library's chatter off stdout; it goes to stderr only when something looks wrong.
type quiet struct{}

func (quiet) Printf(format string, args ...interface{}) {
	msg := fmt.Sprintf(format, args...)
	if strings.Contains(msg, "rror") || strings.Contains(msg, "ailed") {
		log.Print(msg)
	}
}

var open = zk.WorldACL(zk.PermAll)

func crud(s *session, root string) {
	c, _ := s.connect()
	path, err := c.Create(root, []byte("one"), 0, open)
	must(err, "create")
	checkEqual(root, path, "create returns the path")
	data, stat, err := c.Get(root)
	must(err, "get")
	checkEqual("one", string(data), "get")
	checkEqual([]int32{0, 3, 0}, []int32{stat.Version, stat.DataLength, stat.NumChildren}, "version, dataLength, numChildren")
	stat, err = c.Set(root, []byte("two"), 0)
	must(err, "set")
	checkEqual(int32(1), stat.Version, "version after set")
	_, err = c.Set(root, []byte("x"), 0)
	expectErr(zk.ErrBadVersion, err, "set with a stale version")
	_, err = c.Create(root, nil, 0, open)
	expectErr(zk.ErrNodeExists, err, "create twice")
	_, err = c.Create(root+"/no/parent", nil, 0, open)
	expectErr(zk.ErrNoNode, err, "create without a parent")
	for _, child := range []string{"b", "a"} {
		_, err = c.Create(root+"/"+child, nil, 0, open)
		must(err, "create a child")
	}
	children, stat, err := c.Children(root)
	must(err, "children")
	sort.Strings(children)
	checkEqual([]string{"a", "b"}, children, "children")
	checkEqual(int32(2), stat.NumChildren, "numChildren")
	expectErr(zk.ErrNotEmpty, c.Delete(root, -1), "delete a parent")
	expectErr(zk.ErrBadVersion, c.Delete(root+"/a", 3), "delete with a wrong version")
	must(c.Delete(root+"/a", 0), "delete a")
	must(c.Delete(root+"/b", -1), "delete b")
	synced, err := c.Sync(root)
	must(err, "sync")
	checkEqual(root, synced, "sync's path")
	must(c.Delete(root, 1), "delete root")
	exists, _, err := c.Exists(root)
	must(err, "exists")
	check(!exists, "the root exists after delete")
	_, _, err = c.Get(root)
	expectErr(zk.ErrNoNode, err, "get after delete")
}

func ephemeralSequential(s *session, root string) {
	owner, _ := s.connect()
	observer, _ := s.connect()
	_, err := observer.Create(root, nil, 0, open)
	must(err, "create root")
	var made []string
	for i := 0; i < 3; i++ {
		p, err := owner.Create(root+"/e-", nil, zk.FlagEphemeral|zk.FlagSequence, open)
		must(err, "create ephemeral sequential")
		made = append(made, p)
	}
	checkEqual([]string{root + "/e-0000000000", root + "/e-0000000001", root + "/e-0000000002"}, made, "sequential names")
	_, stat, err := observer.Get(made[0])
	must(err, "get")
	checkEqual(owner.SessionID(), stat.EphemeralOwner, "ephemeralOwner")
	protected, err := owner.CreateProtectedEphemeralSequential(root+"/p-", []byte("x"), open)
	must(err, "CreateProtectedEphemeralSequential")
	check(strings.HasPrefix(protected, root+"/_c_") && strings.HasSuffix(protected, "-p-0000000003"),
		"protected name %q", protected)
	_, err = owner.Create(made[0]+"/x", nil, 0, open)
	expectErr(zk.ErrNoChildrenForEphemerals, err, "child of an ephemeral")
	_, _, events, err := observer.ChildrenW(root)
	must(err, "children watch")
	s.close(owner)
	checkEqual(zk.EventNodeChildrenChanged.String()+" "+root, describe(nextEvent(events, "the owner's ephemerals to go")), "event")
	children, _, err := observer.Children(root)
	must(err, "children")
	checkEqual(0, len(children), "children after the owner closed")
}

func watches(s *session, root string) {
	w, _ := s.connect()
	actor, _ := s.connect()
	exists, _, created, err := w.ExistsW(root)
	must(err, "exists watch")
	check(!exists, "the root exists before create")
	_, err = actor.Create(root, []byte("a"), 0, open)
	must(err, "create")
	checkEqual("EventNodeCreated "+root, describe(nextEvent(created, "NodeCreated")), "exists watch")
	_, _, changed, err := w.GetW(root)
	must(err, "data watch")
	_, err = actor.Set(root, []byte("b"), -1)
	must(err, "set")
	checkEqual("EventNodeDataChanged "+root, describe(nextEvent(changed, "NodeDataChanged")), "data watch")
	// Set only now: this library hands a NodeDataChanged to the path's child watchers too.
	_, _, kids, err := w.ChildrenW(root)
	must(err, "child watch")
	_, err = actor.Create(root+"/kid", nil, 0, open)
	must(err, "create kid")
	checkEqual("EventNodeChildrenChanged "+root, describe(nextEvent(kids, "NodeChildrenChanged")), "child watch")
	_, _, gone, err := w.GetW(root + "/kid")
	must(err, "data watch on kid")
	must(actor.Delete(root+"/kid", -1), "delete kid")
	checkEqual("EventNodeDeleted "+root+"/kid", describe(nextEvent(gone, "NodeDeleted")), "delete fires the data watch")
}

func multi(s *session, root string) {
	c, _ := s.connect()
	res, err := c.Multi(
		&zk.CreateRequest{Path: root, Data: []byte("r"), Acl: open},
		&zk.CreateRequest{Path: root + "/a", Data: []byte("a"), Acl: open},
		&zk.SetDataRequest{Path: root + "/a", Data: []byte("a2"), Version: 0},
		&zk.CheckVersionRequest{Path: root, Version: 0})
	must(err, "multi")
	checkEqual(4, len(res), "results")
	checkEqual(root+"/a", res[1].String, "create result path")
	checkEqual(int32(1), res[2].Stat.Version, "set result version")
	res, err = c.Multi(
		&zk.CreateRequest{Path: root + "/b", Acl: open},
		&zk.CheckVersionRequest{Path: root + "/a", Version: 0},
		&zk.DeleteRequest{Path: root + "/a", Version: -1})
	expectErr(zk.ErrBadVersion, err, "multi with a failing check")
	var errs []string
	for _, r := range res {
		errs = append(errs, fmt.Sprint(r.Error))
	}
	// The library has no name for -2 (runtime inconsistency), the code of the ops after the failure.
	checkEqual([]string{"<nil>", zk.ErrBadVersion.Error(), zk.ErrUnknown.Error()}, errs, "per-op errors")
	exists, _, err := c.Exists(root + "/b")
	must(err, "exists")
	check(!exists, "the rolled-back create exists")
}

func lock(s *session, root string) {
	a, _ := s.connect()
	b, _ := s.connect()
	first, second := zk.NewLock(a, root, open), zk.NewLock(b, root, open)
	must(first.Lock(), "first locks")
	acquired := make(chan error, 1)
	go func() { acquired <- second.Lock() }()
	// The second contender's node shows up under the root while the first holds the lock.
	deadline := time.Now().Add(waitTime)
	for {
		children, _, err := a.Children(root)
		must(err, "children")
		if len(children) == 2 {
			break
		}
		check(time.Now().Before(deadline), "waited %v for the second contender", waitTime)
		time.Sleep(20 * time.Millisecond)
	}
	select {
	case err := <-acquired:
		panic(checkFailed(fmt.Sprintf("second locked while first held the lock (%v)", err)))
	default:
	}
	must(first.Unlock(), "first unlocks")
	select {
	case err := <-acquired:
		must(err, "second locks")
	case <-time.After(waitTime):
		panic(checkFailed("second did not lock after first unlocked"))
	}
	must(second.Unlock(), "second unlocks")
	children, _, err := a.Children(root)
	must(err, "children")
	checkEqual(0, len(children), "lock nodes left")
}

func acl(s *session, root string) {
	owner, _ := s.connect()
	stranger, _ := s.connect()
	must(owner.AddAuth("digest", []byte("alice:secret")), "addAuth")
	_, err := owner.Create(root, []byte("private"), 0, zk.DigestACL(zk.PermAll, "alice", "secret"))
	must(err, "create with a digest ACL")
	acls, _, err := owner.GetACL(root)
	must(err, "getACL")
	checkEqual(zk.DigestACL(zk.PermAll, "alice", "secret"), acls, "getACL")
	_, _, err = stranger.Get(root)
	expectErr(zk.ErrNoAuth, err, "stranger reads")
	_, err = owner.SetACL(root, zk.WorldACL(zk.PermRead), 4)
	expectErr(zk.ErrBadVersion, err, "setACL with a wrong aversion")
	stat, err := owner.SetACL(root, zk.WorldACL(zk.PermRead), 0)
	must(err, "setACL")
	checkEqual(int32(1), stat.Aversion, "aversion after setACL")
	data, _, err := stranger.Get(root)
	must(err, "stranger reads a world-readable node")
	checkEqual("private", string(data), "data")
	_, err = owner.Set(root, []byte("x"), -1)
	expectErr(zk.ErrNoAuth, err, "read-only ACL refuses set")
}

// reconnectWatches cuts a connection under a live session: the client reconnects with the
// same session and re-registers its watches (setWatches), so a later change still notifies.
func reconnectWatches(s *session, root string) {
	var mu sync.Mutex
	var sockets []net.Conn
	dialer := func(network, address string, timeout time.Duration) (net.Conn, error) {
		conn, err := net.DialTimeout(network, address, timeout)
		if err == nil {
			mu.Lock()
			sockets = append(sockets, conn)
			mu.Unlock()
		}
		return conn, err
	}
	w, states := s.connectVia(dialer)
	actor, _ := s.connect()
	_, err := actor.Create(root, []byte("a"), 0, open)
	must(err, "create")
	_, _, changed, err := w.GetW(root)
	must(err, "data watch")
	ephemeral, err := w.Create(root+"/mine", nil, zk.FlagEphemeral, open)
	must(err, "create ephemeral")
	sessionID := w.SessionID()
	mu.Lock()
	for _, conn := range sockets {
		conn.Close()
	}
	mu.Unlock()
	waitState(states, zk.StateDisconnected)
	waitState(states, zk.StateHasSession)
	checkEqual(sessionID, w.SessionID(), "the session id after reconnecting")
	_, err = actor.Set(root, []byte("b"), -1)
	must(err, "set")
	checkEqual("EventNodeDataChanged "+root, describe(nextEvent(changed, "the re-registered watch")), "watch after reconnect")
	exists, _, err := actor.Exists(ephemeral)
	must(err, "exists")
	check(exists, "the ephemeral survived the reconnect")
}

// gatedDialer dials only while its gate is open, and can cut every socket it made.
type gatedDialer struct {
	mu      sync.Mutex
	open    chan struct{}
	sockets []net.Conn
}

func newGatedDialer() *gatedDialer {
	d := &gatedDialer{open: make(chan struct{})}
	close(d.open)
	return d
}

func (d *gatedDialer) dial(network, address string, timeout time.Duration) (net.Conn, error) {
	d.mu.Lock()
	gate := d.open
	d.mu.Unlock()
	select {
	case <-gate:
	case <-time.After(waitTime):
		return nil, errors.New("gate stayed closed")
	}
	conn, err := net.DialTimeout(network, address, timeout)
	if err == nil {
		d.mu.Lock()
		d.sockets = append(d.sockets, conn)
		d.mu.Unlock()
	}
	return conn, err
}

// cutAndHold closes every socket and keeps new ones from being dialled until release.
func (d *gatedDialer) cutAndHold() (release func()) {
	d.mu.Lock()
	defer d.mu.Unlock()
	gate := make(chan struct{})
	d.open = gate
	for _, c := range d.sockets {
		c.Close()
	}
	d.sockets = nil
	return func() { close(gate) }
}

// reconnectMissedEvents changes watched nodes while the client is away: on reconnecting, its
// setWatches carries the last zxid it saw, and the server fires what it missed at once.
func reconnectMissedEvents(s *session, root string) {
	dialer := newGatedDialer()
	w, states := s.connectVia(dialer.dial)
	actor, _ := s.connect()
	_, err := actor.Create(root, []byte("a"), 0, open)
	must(err, "create")
	_, _, changed, err := w.GetW(root)
	must(err, "data watch")
	exists, _, created, err := w.ExistsW(root + "/later")
	must(err, "exists watch")
	check(!exists, "%s/later exists before it was made", root)
	release := dialer.cutAndHold()
	waitState(states, zk.StateDisconnected)
	_, err = actor.Set(root, []byte("b"), -1)
	must(err, "set while the watcher is away")
	_, err = actor.Create(root+"/later", nil, 0, open)
	must(err, "create while the watcher is away")
	release()
	waitState(states, zk.StateHasSession)
	checkEqual("EventNodeDataChanged "+root, describe(nextEvent(changed, "the missed data change")), "data watch after reconnect")
	checkEqual("EventNodeCreated "+root+"/later", describe(nextEvent(created, "the missed create")), "exists watch after reconnect")
}

var cases = []struct {
	name string
	body func(*session, string)
}{
	{"crud", crud},
	{"ephemeral-sequential", ephemeralSequential},
	{"watches", watches},
	{"multi", multi},
	{"lock", lock},
	{"acl", acl},
	{"reconnect-watches", reconnectWatches},
	{"reconnect-missed-events", reconnectMissedEvents},
}

func runOne(hosts, root, name string) string {
	var body func(*session, string)
	var known []string
	for _, c := range cases {
		known = append(known, c.name)
		if c.name == name {
			body = c.body
		}
	}
	if body == nil {
		return "FAIL unknown case (known: " + strings.Join(known, ", ") + ")"
	}
	s := &session{hosts: hosts}
	start := time.Now()
	done := make(chan error, 1)
	go func() {
		defer func() {
			r := recover()
			if failed, ok := r.(checkFailed); ok {
				done <- failed
			} else if r != nil {
				done <- fmt.Errorf("panic: %v", r)
			}
		}()
		body(s, root)
		done <- nil
	}()
	var err error
	select {
	case err = <-done:
	case <-time.After(caseTime):
		err = fmt.Errorf("did not finish within %v", caseTime)
	}
	s.closeAll()
	if err == nil {
		return fmt.Sprintf("PASS (%d ms)", time.Since(start).Milliseconds())
	}
	var failed checkFailed
	if !errors.As(err, &failed) {
		log.Printf("%s: %v", name, err)
	}
	return "FAIL " + strings.ReplaceAll(err.Error(), "\n", " ")
}

func main() {
	log.SetOutput(os.Stderr)
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: go_matrix HOST:PORT [CASE ...]")
		os.Exit(2)
	}
	hosts, names := os.Args[1], os.Args[2:]
	if len(names) == 0 {
		for _, c := range cases {
			names = append(names, c.name)
		}
	}
	suffix := make([]byte, 4)
	if _, err := rand.Read(suffix); err != nil {
		log.Fatal(err)
	}
	base := "/go-" + hex.EncodeToString(suffix)
	failed := 0
	for _, name := range names {
		outcome := runOne(hosts, base+"-"+name, name)
		fmt.Printf("CASE %s %s\n", name, outcome)
		if !strings.HasPrefix(outcome, "PASS") {
			failed++
		}
	}
	if failed > 0 {
		os.Exit(1)
	}
}
