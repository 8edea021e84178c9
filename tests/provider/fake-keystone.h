/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* A small Keystone v3 in the test's own main context, on an ephemeral
 * loopback port, with faults injected on demand. It knows just enough of the
 * API for AkKeystoneProvider and counts every request it receives. */

#define FAKE_DOMAIN_ID        "default"
#define FAKE_ALICE_ID         "a11ce0000000000000000000000000a1"
#define FAKE_ALICE_NAME       "alice"
#define FAKE_ALICE_PASSWORD   "fake-alice-password"
#define FAKE_DEMO_ID          "de30000000000000000000000000de30"
#define FAKE_DEMO_NAME        "demo"
#define FAKE_ADMIN_ID         "ad300000000000000000000000000ad3"
#define FAKE_ADMIN_NAME       "admin"
#define FAKE_ADMIN_PASSWORD   "fake-admin-password"
#define FAKE_ADMIN_PROJECT_ID "ad3000000000000000000000000000a0"
#define FAKE_ADMIN_PROJECT    "admin"

/* Every secret and token the fake hands out starts with this, so a test can
 * look for any of them in logs and objects. */
#define FAKE_SECRET_MARK      "FAKESECRET"

typedef enum
{
  FAKE_FAULT_STATUS,          /* answer with this status and a Keystone error body */
  FAKE_FAULT_SLOW,            /* hold the normal answer for this many ms */
  FAKE_FAULT_CLOSE_MID_BODY,  /* announce a body, send part of it, close */
  FAKE_FAULT_TRUNCATED_JSON,  /* 200 with half of the normal body */
  FAKE_FAULT_WRONG_TYPES,     /* 200 with the right members holding the wrong types */
  FAKE_FAULT_HUGE_LENGTH,     /* 200 announcing 64 MiB, streamed only as it is read */
  FAKE_FAULT_HUGE_CHUNKED,    /* 200 chunked, 64 MiB streamed only as it is read */
  FAKE_FAULT_DROP,            /* do the work, then close without a byte of answer */
  FAKE_FAULT_DROP_PARTIAL,    /* do the work, then send part of a status line and close */
  FAKE_FAULT_TRICKLE,         /* 200 announcing 1 MiB, one byte every this many ms, forever */
  FAKE_FAULT_CHUNKED,         /* do the work, then send the answer chunked, in 4 KiB chunks */
  FAKE_FAULT_WEB_PAGE,        /* answer with this status and an HTML page, as a web server */
  FAKE_FAULT_OTHER_JSON,      /* answer with this status and JSON that is no Keystone answer */
} FakeFaultKind;

#define FAKE_HUGE_SIZE (64 * 1024 * 1024)

/* How the list of users comes in pages, once FakeKeystone:users_page is set. */
typedef enum
{
  FAKE_PAGES_NEXT,            /* as Keystone 27: links.next with a marker, "truncated" */
  FAKE_PAGES_SAME,            /* links.next, but the marker is not heeded */
  FAKE_PAGES_TRUNCATED,       /* as Keystone 22 with a list_limit: "truncated", no next */
} FakePages;

typedef struct _FakeKeystone FakeKeystone;

struct _FakeKeystone
{
  SoupServer  *server;
  char        *url;

  /* What the tokens say and what the fake accepts, in seconds. */
  int          announced_lifetime;
  int          accepted_lifetime;

  /* With users_page, the list of users comes in pages of at most that many
   * (a "limit" asked for may make them smaller), as pages says. */
  guint        users_page;
  FakePages    pages;

  /* Hold every per-user key list for this long, to see how many run at once. */
  guint        hold_ms;
  guint        holding;
  guint        max_holding;

  /* Counters a test asserts on. */
  char        *user_agent;
  guint        requests;
  guint        unauthorized;
  guint        unscoped_sign_ins;
  guint64      huge_bytes_written;
  guint        huge_finished;
  guint64      trickled_bytes;
  guint        trickles_ended;

  /* Private. */
  GHashTable  *counts;
  GHashTable  *tokens;
  GPtrArray   *users;
  GPtrArray   *keys;
  GQueue       faults;
  GPtrArray   *sources;
  guint        serial;
};

FakeKeystone *fake_keystone_new             (void);
void          fake_keystone_free            (FakeKeystone  *fake);
void          fake_keystone_add_user        (FakeKeystone  *fake,
                                             const char    *id,
                                             const char    *name,
                                             const char    *password,
                                             const char    *project_id,
                                             gboolean       admin);
void          fake_keystone_remove_role     (FakeKeystone  *fake,
                                             const char    *user_id);
char         *fake_keystone_add_ec2         (FakeKeystone  *fake,
                                             const char    *user_id,
                                             const char    *project_id);
char         *fake_keystone_add_app_cred    (FakeKeystone  *fake,
                                             const char    *user_id,
                                             const char    *name,
                                             const char    *secret);
gboolean      fake_keystone_has_key         (FakeKeystone  *fake,
                                             const char    *id);
const char   *fake_keystone_get_secret      (FakeKeystone  *fake,
                                             const char    *id);
const char   *fake_keystone_get_user_id     (FakeKeystone  *fake,
                                             const char    *id);
guint         fake_keystone_n_keys          (FakeKeystone  *fake);
void          fake_keystone_add_fault       (FakeKeystone  *fake,
                                             const char    *method,
                                             const char    *path,
                                             FakeFaultKind  kind,
                                             guint          value,
                                             guint          times);
guint         fake_keystone_count           (FakeKeystone  *fake,
                                             const char    *method,
                                             const char    *path);
guint         fake_keystone_sign_ins        (FakeKeystone  *fake);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FakeKeystone, fake_keystone_free)

G_END_DECLS
