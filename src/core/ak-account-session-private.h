/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ak-account-session.h"
#include "ak-key-result.h"

G_BEGIN_DECLS

struct _AkAccountSession
{
  GObject                parent_instance;

  /* Owned references */
  AkAccount             *account;
  AkAccountStore        *store;
  AkProvider            *provider;
  AkHistory             *history;
  GListStore            *keys;
  GListStore            *recently_deleted;
  /* The entries of the last list that could not be read safely, so are
   * not among the keys (AkUnreadableEntry). */
  GListStore            *unreadable;
  GError                *error;
  /* The sign-in or list in flight; cancelled by a newer one, a scope
   * switch, Cancel, close and dispose. Never a create or delete. */
  GCancellable          *load_cancellable;
  /* Identities (ak_key_identity()) of keys whose delete is on its way. */
  GHashTable            *deleting;
  /* Identities of keys deleted, to the load_serial of the time: a list
   * started before then may still name them. */
  GHashTable            *gone;
  /* What the server's lookups said about users and projects, for the
   * session: "user:ID" or "project:ID" to a LookupAnswer
   * (ak-account-session-lookup.c). */
  GHashTable            *lookups;

  /* A list in flight that shows its keys as they arrive: the keys arrived
   * since the last change of the store, which puts them in at most once a
   * frame (flush_source), and the identities of keys added meanwhile by a
   * create, which the list may name again. */
  GPtrArray             *arrived;
  guint                  flush_source;
  GHashTable            *added_while_loading;
  /* How far the list of every user's keys is, and whose keys it could not
   * read (names), NULL when none. */
  guint                  users_loaded;
  guint                  users_total;
  GStrv                  failed_users;

  gulong                 features_handler;
  AkAccountSessionState  state;
  AkKeyScope             scope;
  /* Bumped by every sign-in or list started, so a late answer to one that
   * was cancelled or superseded is recognised and dropped. */
  guint                  load_serial;
  guint                  n_operations;
  /* Within how many days an expiry is "soon" (ak-account-session-status.c). */
  guint                  expires_soon_days;
  /* When time alone next changes a key's flags, or the day changes. */
  guint                  status_timeout;
  /* A pass queued after a key was removed. */
  guint                  status_idle;
  guint                  signed_in : 1;
  /* ak_account_session_start() was called: a scope switch lists again. */
  guint                  started : 1;
  guint                  refreshing : 1;
  /* The list in flight puts its keys in the store as they arrive. */
  guint                  progressive : 1;
  /* A list of every user's keys is in flight. */
  guint                  loading_users : 1;
  /* The keys in the store are not all: the list was stopped. */
  guint                  partial : 1;
  /* No view any more: keep no secret for an Undo nobody can press. */
  guint                  closed : 1;
};

/* ak-account-session.c */
void     _ak_account_session_begin_operation (AkAccountSession *self);
void     _ak_account_session_end_operation   (AkAccountSession *self);
void     _ak_account_session_record          (AkAccountSession *self,
                                              AkKeyResult      *result);
void     _ak_account_session_emit_result     (AkAccountSession *self,
                                              AkKeyResult      *result);
void     _ak_account_session_set_state       (AkAccountSession *self,
                                              AkAccountSessionState state);
void     _ak_account_session_show_signed_out (AkAccountSession *self,
                                              const char       *message);
void     _ak_account_session_show_refused    (AkAccountSession *self);
gboolean _ak_account_session_find            (AkAccountSession *self,
                                              AkKeyKind         kind,
                                              const char       *id,
                                              guint            *position);
void     _ak_account_session_forget_secrets  (AkAccountSession *self);
AkKeyScope _ak_account_session_list_scope    (AkAccountSession *self);

/* ak-account-session-status.c */
void     _ak_account_session_update_flags    (AkAccountSession *self);
void     _ak_account_session_update_flags_of (AkAccountSession *self,
                                              GPtrArray        *keys);
void     _ak_account_session_queue_update_flags (AkAccountSession *self);
void     _ak_account_session_stop_status     (AkAccountSession *self);
void     _ak_account_session_notify_expires_soon_days (AkAccountSession *self);
/* ak-account-session-lookup.c */
GHashTable *_ak_account_session_new_lookups  (void);

G_END_DECLS
