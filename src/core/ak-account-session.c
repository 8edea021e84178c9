/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-account-session"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ak-account-session-private.h"
#include "ak-deleted-key-private.h"
#include "ak-error.h"
#include "ak-key-status.h"
#include "ak-provider-factory.h"

/* One signed-in account at work, on the pattern of Sysprof's SysprofSession
 * and gnome-text-editor's EditorSession: the account, its provider (made by
 * the installed factory), the keys the server has, what the session is doing
 * (a state the window shows as a page), the changes in flight and the keys
 * recently deleted. A window is only a view of it.
 *
 * Reads (sign-in, list) are cancelled when they no longer matter. Changes
 * (delete, restore, create) are never cancelled: each holds the session
 * until its answer has come and been reported through ::key-result, so
 * closing the view neither stops nor silences them. The changes live in
 * ak-account-session-ops.c. */

G_DEFINE_ENUM_TYPE (AkAccountSessionState, ak_account_session_state,
  G_DEFINE_ENUM_VALUE (AK_ACCOUNT_SESSION_STATE_NO_ACCOUNT, "no-account"),
  G_DEFINE_ENUM_VALUE (AK_ACCOUNT_SESSION_STATE_SIGNING_IN, "signing-in"),
  G_DEFINE_ENUM_VALUE (AK_ACCOUNT_SESSION_STATE_LOADING, "loading"),
  G_DEFINE_ENUM_VALUE (AK_ACCOUNT_SESSION_STATE_KEYS, "keys"),
  G_DEFINE_ENUM_VALUE (AK_ACCOUNT_SESSION_STATE_EMPTY, "empty"),
  G_DEFINE_ENUM_VALUE (AK_ACCOUNT_SESSION_STATE_ERROR, "error"),
  G_DEFINE_ENUM_VALUE (AK_ACCOUNT_SESSION_STATE_SIGNED_OUT, "signed-out"))

G_DEFINE_FINAL_TYPE (AkAccountSession, ak_account_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ACCOUNT,
  PROP_STORE,
  PROP_PROVIDER,
  PROP_FEATURES,
  PROP_KEYS,
  PROP_RECENTLY_DELETED,
  PROP_UNREADABLE,
  PROP_N_UNREADABLE,
  PROP_STATE,
  PROP_ERROR,
  PROP_SIGNED_IN,
  PROP_REFRESHING,
  PROP_N_OPERATIONS,
  PROP_SCOPE,
  PROP_HISTORY,
  PROP_EXPIRES_SOON_DAYS,
  PROP_USERS_LOADED,
  PROP_USERS_TOTAL,
  PROP_LOADING_USERS,
  PROP_PARTIAL,
  PROP_FAILED_USERS,
  N_PROPS
};

enum {
  KEY_RESULT,
  REFRESH_FAILED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static void load_keys (AkAccountSession *self);

char *
ak_key_identity (AkKeyKind   kind,
                 const char *id)
{
  return g_strdup_printf ("%u:%s", (guint) kind, id);
}

/* What a sign-in or list callback needs to know whether it still matters.
 * The session is held weakly: a read must not keep a dropped session alive,
 * since dropping it is what cancels the read. */
typedef struct
{
  GWeakRef  self;
  guint     serial;
} LoadData;

static LoadData *
load_data_new (AkAccountSession *self)
{
  LoadData *data = g_new0 (LoadData, 1);

  g_weak_ref_init (&data->self, self);
  data->serial = self->load_serial;

  return data;
}

static void
load_data_free (LoadData *data)
{
  g_weak_ref_clear (&data->self);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadData, load_data_free)

/* Returns: (transfer full) (nullable): the session, if this answer is for
 * the read it still waits for */
static AkAccountSession *
load_data_get_session (LoadData *data)
{
  g_autoptr(AkAccountSession) self = g_weak_ref_get (&data->self);

  if (self == NULL || data->serial != self->load_serial)
    return NULL;

  return g_steal_pointer (&self);
}

void
_ak_account_session_begin_operation (AkAccountSession *self)
{
  self->n_operations++;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_OPERATIONS]);
}

void
_ak_account_session_end_operation (AkAccountSession *self)
{
  g_assert (self->n_operations > 0);

  self->n_operations--;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_OPERATIONS]);
}

/* Every final result of a create, delete or restore goes into the history,
 * whether it is reported or not. */
void
_ak_account_session_record (AkAccountSession *self,
                            AkKeyResult      *result)
{
  if (self->history != NULL)
    ak_history_record (self->history, result, self->account);
}

void
_ak_account_session_emit_result (AkAccountSession *self,
                                 AkKeyResult      *result)
{
  _ak_account_session_record (self, result);
  g_signal_emit (self, signals [KEY_RESULT], 0, result);
}

static void
set_error (AkAccountSession *self,
           GError           *error)
{
  if (self->error == NULL && error == NULL)
    return;

  g_clear_error (&self->error);
  self->error = error;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ERROR]);
}

void
_ak_account_session_set_state (AkAccountSession      *self,
                               AkAccountSessionState  state)
{
  if (state != AK_ACCOUNT_SESSION_STATE_ERROR && state != AK_ACCOUNT_SESSION_STATE_SIGNED_OUT)
    set_error (self, NULL);

  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STATE]);
}

static void
show_error (AkAccountSession *self,
            const GError     *error)
{
  set_error (self, g_error_copy (error));
  _ak_account_session_set_state (self, AK_ACCOUNT_SESSION_STATE_ERROR);
}

static void
set_signed_in (AkAccountSession *self,
               gboolean          signed_in)
{
  signed_in = !!signed_in;
  if (self->signed_in == signed_in)
    return;

  self->signed_in = signed_in;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SIGNED_IN]);
}

static void
set_refreshing (AkAccountSession *self,
                gboolean          refreshing)
{
  refreshing = !!refreshing;
  if (self->refreshing == refreshing)
    return;

  self->refreshing = refreshing;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_REFRESHING]);
}

static void
set_loading_users (AkAccountSession *self,
                   gboolean          loading_users)
{
  loading_users = !!loading_users;
  if (self->loading_users == loading_users)
    return;

  self->loading_users = loading_users;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOADING_USERS]);
}

static void
set_partial (AkAccountSession *self,
             gboolean          partial)
{
  partial = !!partial;
  if (self->partial == partial)
    return;

  self->partial = partial;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PARTIAL]);
}

static void
set_users_progress (AkAccountSession *self,
                    guint             users_loaded,
                    guint             users_total)
{
  g_object_freeze_notify (G_OBJECT (self));

  if (self->users_total != users_total)
    {
      self->users_total = users_total;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_USERS_TOTAL]);
    }

  if (self->users_loaded != users_loaded)
    {
      self->users_loaded = users_loaded;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_USERS_LOADED]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

static void
set_failed_users (AkAccountSession *self,
                  GStrv             failed_users)
{
  if (self->failed_users == NULL && failed_users == NULL)
    return;

  g_clear_pointer (&self->failed_users, g_strfreev);
  self->failed_users = failed_users;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_FAILED_USERS]);
}

/* Works out the flags of @keys and of the keys in the store, together. */
static void
flag_with_store (AkAccountSession *self,
                 GPtrArray        *keys)
{
  GListModel *store = G_LIST_MODEL (self->keys);
  guint n = g_list_model_get_n_items (store);
  g_autoptr(GPtrArray) all = g_ptr_array_new_full (n + keys->len, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (all, g_list_model_get_item (store, i));
  for (guint i = 0; i < keys->len; i++)
    g_ptr_array_add (all, g_object_ref (g_ptr_array_index (keys, i)));

  _ak_account_session_update_flags_of (self, all);
}

/* The store holds the keys in the order of their IDs, the key list's
 * first order: GTK's sort (a merge of sorted runs) then finds them sorted
 * and checks each once, where keys in the server's order would take some
 * twelve comparisons each through its sorters. */
typedef struct
{
  const char *id;
  AkKey      *key;
} ById;

static int
compare_by_id (const void *a,
               const void *b)
{
  return strcmp (((const ById *) a)->id, ((const ById *) b)->id);
}

static void
sort_by_id (GPtrArray *keys)
{
  g_autofree ById *by_id = NULL;
  gboolean sorted = TRUE;

  if (keys->len < 2)
    return;

  by_id = g_new (ById, keys->len);
  for (guint i = 0; i < keys->len; i++)
    {
      AkKey *key = g_ptr_array_index (keys, i);

      by_id[i] = (ById) { ak_key_get_id (key), key };
      if (i > 0 && strcmp (by_id[i - 1].id, by_id[i].id) > 0)
        sorted = FALSE;
    }

  if (sorted)
    return;

  /* Each ID is read once here, not on both sides of every comparison. */
  qsort (by_id, keys->len, sizeof (ById), compare_by_id);
  for (guint i = 0; i < keys->len; i++)
    keys->pdata[i] = by_id[i].key;
}

/* Puts the keys that arrived in the store, in one change. */
static void
flush_arrived (AkAccountSession *self)
{
  g_clear_handle_id (&self->flush_source, g_source_remove);

  if (self->arrived == NULL || self->arrived->len == 0)
    return;

  /* Flagged before they are shown, with the keys in sight: an owner's count
   * of keys takes in those that came before. */
  flag_with_store (self, self->arrived);
  sort_by_id (self->arrived);
  g_list_store_splice (self->keys, g_list_model_get_n_items (G_LIST_MODEL (self->keys)), 0,
                       self->arrived->pdata, self->arrived->len);
  g_ptr_array_set_size (self->arrived, 0);

  if (self->state == AK_ACCOUNT_SESSION_STATE_LOADING)
    _ak_account_session_set_state (self, AK_ACCOUNT_SESSION_STATE_KEYS);
}

static gboolean
flush_arrived_cb (gpointer user_data)
{
  AkAccountSession *self = user_data;

  self->flush_source = 0;
  flush_arrived (self);

  return G_SOURCE_REMOVE;
}

/* Cancels the sign-in or list in flight, if any, so a new one can start. */
static void
restart_load (AkAccountSession *self)
{
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();
  self->load_serial++;
  g_clear_handle_id (&self->flush_source, g_source_remove);
  g_ptr_array_set_size (self->arrived, 0);
  g_hash_table_remove_all (self->added_while_loading);
  self->progressive = FALSE;
  set_loading_users (self, FALSE);
  set_refreshing (self, FALSE);
}

/* Wipes every secret kept for an Undo: the keys stay listed as deleted
 * nowhere, since without their secret they cannot come back. */
void
_ak_account_session_forget_secrets (AkAccountSession *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->recently_deleted));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AkDeletedKey) entry =
        g_list_model_get_item (G_LIST_MODEL (self->recently_deleted), i);

      _ak_deleted_key_forget_secret (entry);
    }

  g_list_store_remove_all (self->recently_deleted);
}

void
_ak_account_session_show_signed_out (AkAccountSession *self,
                                     const char       *message)
{
  restart_load (self);
  set_signed_in (self, FALSE);
  _ak_account_session_forget_secrets (self);
  set_error (self, g_error_new_literal (AK_ERROR, AK_ERROR_AUTH, message));
  _ak_account_session_set_state (self, AK_ACCOUNT_SESSION_STATE_SIGNED_OUT);
}

void
_ak_account_session_show_refused (AkAccountSession *self)
{
  g_autofree char *message = NULL;

  if (ak_account_get_auth_kind (self->account) == AK_AUTH_KIND_APPLICATION_CREDENTIAL)
    /* Translators: %s is the name of a cloud account. */
    message = g_strdup_printf (_("The sign-in to “%s” was refused. Enter the application "
                                 "credential secret again to see its keys."),
                               ak_account_get_display_label (self->account));
  else
    /* Translators: %s is the name of a cloud account. */
    message = g_strdup_printf (_("The sign-in to “%s” was refused. The password may have "
                                 "changed: enter it again to see its keys."),
                               ak_account_get_display_label (self->account));

  _ak_account_session_show_signed_out (self, message);
}

gboolean
_ak_account_session_find (AkAccountSession *self,
                          AkKeyKind         kind,
                          const char       *id,
                          guint            *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->keys));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AkKey) key = g_list_model_get_item (G_LIST_MODEL (self->keys), i);

      if (ak_key_get_kind (key) == kind && g_strcmp0 (ak_key_get_id (key), id) == 0)
        {
          if (position != NULL)
            *position = i;
          return TRUE;
        }
    }

  return FALSE;
}

AkKeyScope
_ak_account_session_list_scope (AkAccountSession *self)
{
  if (self->scope == AK_KEY_SCOPE_ALL_USERS &&
      ak_provider_has_feature (self->provider, AK_PROVIDER_FEATURE_ALL_USERS))
    return AK_KEY_SCOPE_ALL_USERS;

  return AK_KEY_SCOPE_MINE;
}

static void
features_changed_cb (AkAccountSession *self,
                     GParamSpec       *pspec,
                     AkProvider       *provider)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_FEATURES]);
}

static void
set_provider (AkAccountSession *self,
              AkProvider       *provider)
{
  if (self->provider == provider)
    return;

  if (self->provider != NULL)
    g_clear_signal_handler (&self->features_handler, self->provider);

  g_set_object (&self->provider, provider);

  if (provider != NULL)
    self->features_handler =
      g_signal_connect_object (provider, "notify::features",
                               G_CALLBACK (features_changed_cb), self, G_CONNECT_SWAPPED);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PROVIDER]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_FEATURES]);
}

/* Replaces the entries the last list could not read with @unreadable's. */
static void
apply_unreadable (AkAccountSession *self,
                  GPtrArray        *unreadable)
{
  guint before = g_list_model_get_n_items (G_LIST_MODEL (self->unreadable));

  if (before == 0 && unreadable->len == 0)
    return;

  g_list_store_splice (self->unreadable, 0, before, unreadable->pdata, unreadable->len);

  if (before != unreadable->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_UNREADABLE]);
}

/* Whether a key of the list started at @serial is to be shown. */
static gboolean
keep_key (AkAccountSession *self,
          AkKey            *key,
          guint             serial)
{
  g_autofree char *identity = NULL;
  gpointer value;

  /* Nothing deleted, created or being deleted meanwhile: the usual case,
   * for thousands of keys at once. */
  if (g_hash_table_size (self->gone) == 0 &&
      g_hash_table_size (self->added_while_loading) == 0 &&
      g_hash_table_size (self->deleting) == 0)
    return TRUE;

  identity = ak_key_identity (ak_key_get_kind (key), ak_key_get_id (key));

  /* A list that started before a delete finished may still have the key. */
  if (g_hash_table_lookup_extended (self->gone, identity, NULL, &value) &&
      GPOINTER_TO_UINT (value) >= serial)
    return FALSE;

  /* A key created during a list that shows keys as they arrive is there. */
  if (g_hash_table_contains (self->added_while_loading, identity))
    return FALSE;

  /* The new object of a key whose delete is on its way shows it too. */
  if (g_hash_table_contains (self->deleting, identity))
    ak_key_set_deleting (key, TRUE);

  return TRUE;
}

/* A list started after a delete finished is the truth on its own. */
static void
forget_gone (AkAccountSession *self,
             guint             serial)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->gone);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (GPOINTER_TO_UINT (value) < serial)
      g_hash_table_iter_remove (&iter);
}

/* Puts a list's keys in the store, in one change. */
static void
apply_keys (AkAccountSession *self,
            GPtrArray        *keys,
            guint             serial)
{
  g_autoptr(GPtrArray) shown = g_ptr_array_new_full (keys->len, NULL);

  for (guint i = 0; i < keys->len; i++)
    {
      AkKey *key = g_ptr_array_index (keys, i);

      if (keep_key (self, key, serial))
        g_ptr_array_add (shown, key);
    }

  forget_gone (self, serial);

  /* Flagged before they are shown, so a view never sees them unflagged. */
  _ak_account_session_update_flags_of (self, shown);
  sort_by_id (shown);
  g_list_store_splice (self->keys, 0, g_list_model_get_n_items (G_LIST_MODEL (self->keys)),
                       shown->pdata, shown->len);
}

/* The keys of a list in flight: shown at the next frame when the list is
 * progressive, kept for the end otherwise (a refresh replaces the keys in
 * sight at once, so that no key seems to vanish and come back). */
static void
list_progress_cb (AkProvider *provider,
                  GPtrArray  *keys,
                  guint       users_done,
                  guint       users_total,
                  gpointer    user_data)
{
  LoadData *data = user_data;
  g_autoptr(AkAccountSession) self = load_data_get_session (data);

  if (self == NULL)
    return;

  set_users_progress (self, users_done, users_total);

  for (guint i = 0; i < keys->len; i++)
    {
      AkKey *key = g_ptr_array_index (keys, i);

      if (!self->progressive || keep_key (self, key, data->serial))
        g_ptr_array_add (self->arrived, g_object_ref (key));
    }

  /* At most one change of the store a frame, however fast answers come. */
  if (self->progressive && self->arrived->len > 0 && self->flush_source == 0)
    self->flush_source = g_timeout_add_full (G_PRIORITY_DEFAULT, 16, flush_arrived_cb,
                                             self, NULL);
}

static void
list_keys_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LoadData) data = user_data;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GPtrArray) unreadable = NULL;
  g_auto(GStrv) failed_users = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AkAccountSession) self = NULL;
  gboolean was_refreshing;
  gboolean progressive;

  keys = ak_provider_list_keys_progress_finish (AK_PROVIDER (object), result, &unreadable,
                                                &failed_users, &error);

  self = load_data_get_session (data);
  if (self == NULL)
    return;

  was_refreshing = self->refreshing;
  progressive = self->progressive;
  set_refreshing (self, FALSE);
  set_loading_users (self, FALSE);
  self->progressive = FALSE;
  g_hash_table_remove_all (self->added_while_loading);

  if (keys == NULL)
    {
      if (g_error_matches (error, AK_ERROR, AK_ERROR_AUTH))
        _ak_account_session_show_refused (self);
      else if (was_refreshing)
        /* The keys in sight stay; the view says why they were not refreshed. */
        g_signal_emit (self, signals [REFRESH_FAILED], 0, error);
      else
        show_error (self, error);
      return;
    }

  /* Before the keys, so a view that follows the state sees both. */
  apply_unreadable (self, unreadable);
  set_failed_users (self, g_steal_pointer (&failed_users));
  if (progressive)
    {
      for (guint i = 0; i < keys->len; i++)
        if (keep_key (self, g_ptr_array_index (keys, i), data->serial))
          g_ptr_array_add (self->arrived, g_object_ref (g_ptr_array_index (keys, i)));
      forget_gone (self, data->serial);
      flush_arrived (self);
    }
  else
    {
      g_ptr_array_extend_and_steal (self->arrived, g_steal_pointer (&keys));
      apply_keys (self, self->arrived, data->serial);
      g_ptr_array_set_size (self->arrived, 0);
    }
  set_users_progress (self, self->users_total, self->users_total);
  _ak_account_session_set_state (self,
                                 g_list_model_get_n_items (G_LIST_MODEL (self->keys)) > 0
                                   ? AK_ACCOUNT_SESSION_STATE_KEYS
                                   : AK_ACCOUNT_SESSION_STATE_EMPTY);
}

static void
load_keys (AkAccountSession *self)
{
  LoadData *data;

  if (self->provider == NULL || !self->signed_in)
    return;

  restart_load (self);
  set_partial (self, FALSE);
  set_failed_users (self, NULL);
  set_users_progress (self, 0, 0);

  /* A refresh keeps the keys in sight; a first load shows the loading page,
   * then the keys as they arrive. */
  if (self->state == AK_ACCOUNT_SESSION_STATE_KEYS &&
      g_list_model_get_n_items (G_LIST_MODEL (self->keys)) > 0)
    {
      set_refreshing (self, TRUE);
    }
  else
    {
      g_list_store_remove_all (self->keys);
      self->progressive = TRUE;
      _ak_account_session_set_state (self, AK_ACCOUNT_SESSION_STATE_LOADING);
    }

  set_loading_users (self, _ak_account_session_list_scope (self) == AK_KEY_SCOPE_ALL_USERS);

  /* The progress function is done with data before list_keys_cb frees it. */
  data = load_data_new (self);
  ak_provider_list_keys_progress_async (self->provider, _ak_account_session_list_scope (self),
                                        list_progress_cb, data, self->load_cancellable,
                                        list_keys_cb, data);
}

static void
sign_in_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(LoadData) data = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AkAccountSession) self = NULL;
  gboolean signed_in;

  signed_in = ak_provider_sign_in_finish (AK_PROVIDER (object), result, &error);

  self = load_data_get_session (data);
  if (self == NULL)
    return;

  if (!signed_in)
    {
      if (g_error_matches (error, AK_ERROR, AK_ERROR_AUTH))
        _ak_account_session_show_refused (self);
      else
        show_error (self, error);
      return;
    }

  set_signed_in (self, TRUE);
  load_keys (self);
}

static void
sign_in_with (AkAccountSession *self,
              AkSecret         *secret,
              LoadData         *data)
{
  g_autoptr(AkProvider) provider = NULL;
  g_autoptr(GError) error = NULL;

  provider = ak_provider_factory_create (self->account, secret, &error);
  if (provider == NULL)
    {
      load_data_free (data);
      show_error (self, error);
      return;
    }

  set_provider (self, provider);
  ak_provider_sign_in_async (provider, self->load_cancellable, sign_in_cb, data);
}

static void
lookup_secret_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(LoadData) data = user_data;
  g_autoptr(AkSecret) secret = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AkAccountSession) self = NULL;

  secret = ak_account_store_lookup_secret_finish (AK_ACCOUNT_STORE (object), result, &error);

  self = load_data_get_session (data);
  if (self == NULL)
    return;

  if (secret == NULL)
    {
      if (g_error_matches (error, AK_ERROR, AK_ERROR_NOT_FOUND))
        {
          g_autofree char *message = NULL;

          /* Translators: %s is the name of a cloud account. */
          message = g_strdup_printf (_("No password is saved for “%s”. Enter it to see "
                                       "the account’s keys."),
                                     ak_account_get_display_label (self->account));
          _ak_account_session_show_signed_out (self, message);
        }
      else
        {
          show_error (self, error);
        }
      return;
    }

  sign_in_with (self, secret, g_steal_pointer (&data));
}

/* Signs in with the secret the keyring holds for the account (or, without
 * an account store, with a provider that needs none), then lists. */
static void
sign_in (AkAccountSession *self)
{
  g_assert (self->account != NULL);

  restart_load (self);
  set_signed_in (self, FALSE);
  _ak_account_session_set_state (self, AK_ACCOUNT_SESSION_STATE_SIGNING_IN);

  if (self->store != NULL)
    ak_account_store_lookup_secret_async (self->store, self->account, self->load_cancellable,
                                          lookup_secret_cb, load_data_new (self));
  else if (self->provider != NULL)
    ak_provider_sign_in_async (self->provider, self->load_cancellable, sign_in_cb,
                               load_data_new (self));
  else
    sign_in_with (self, NULL, load_data_new (self));
}

static void
ak_account_session_constructed (GObject *object)
{
  AkAccountSession *self = AK_ACCOUNT_SESSION (object);

  G_OBJECT_CLASS (ak_account_session_parent_class)->constructed (object);

  /* Until ak_account_session_start(), what it is about to do. */
  if (self->account != NULL)
    self->state = self->provider != NULL ? AK_ACCOUNT_SESSION_STATE_LOADING
                                         : AK_ACCOUNT_SESSION_STATE_SIGNING_IN;
}

static void
ak_account_session_dispose (GObject *object)
{
  AkAccountSession *self = AK_ACCOUNT_SESSION (object);

  /* A change in flight holds the session, so none is left by now. */
  g_cancellable_cancel (self->load_cancellable);
  self->load_serial++;
  g_clear_handle_id (&self->flush_source, g_source_remove);
  _ak_account_session_forget_secrets (self);
  _ak_account_session_stop_status (self);

  if (self->provider != NULL)
    g_clear_signal_handler (&self->features_handler, self->provider);

  G_OBJECT_CLASS (ak_account_session_parent_class)->dispose (object);
}

static void
ak_account_session_finalize (GObject *object)
{
  AkAccountSession *self = AK_ACCOUNT_SESSION (object);

  g_clear_object (&self->load_cancellable);
  g_clear_pointer (&self->arrived, g_ptr_array_unref);
  g_clear_pointer (&self->added_while_loading, g_hash_table_unref);
  g_clear_pointer (&self->failed_users, g_strfreev);
  g_clear_object (&self->provider);
  g_clear_object (&self->store);
  g_clear_object (&self->account);
  g_clear_object (&self->history);
  g_clear_object (&self->keys);
  g_clear_object (&self->recently_deleted);
  g_clear_object (&self->unreadable);
  g_clear_error (&self->error);
  g_clear_pointer (&self->deleting, g_hash_table_unref);
  g_clear_pointer (&self->gone, g_hash_table_unref);
  g_clear_pointer (&self->lookups, g_hash_table_unref);

  G_OBJECT_CLASS (ak_account_session_parent_class)->finalize (object);
}

static void
ak_account_session_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AkAccountSession *self = AK_ACCOUNT_SESSION (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;

    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_PROVIDER:
      g_value_set_object (value, self->provider);
      break;

    case PROP_FEATURES:
      g_value_set_flags (value, self->provider != NULL
                                  ? ak_provider_get_features (self->provider)
                                  : AK_PROVIDER_FEATURE_NONE);
      break;

    case PROP_KEYS:
      g_value_set_object (value, self->keys);
      break;

    case PROP_RECENTLY_DELETED:
      g_value_set_object (value, self->recently_deleted);
      break;

    case PROP_UNREADABLE:
      g_value_set_object (value, self->unreadable);
      break;

    case PROP_N_UNREADABLE:
      g_value_set_uint (value, ak_account_session_get_n_unreadable (self));
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;

    case PROP_SIGNED_IN:
      g_value_set_boolean (value, self->signed_in);
      break;

    case PROP_REFRESHING:
      g_value_set_boolean (value, self->refreshing);
      break;

    case PROP_N_OPERATIONS:
      g_value_set_uint (value, self->n_operations);
      break;

    case PROP_SCOPE:
      g_value_set_enum (value, self->scope);
      break;

    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;

    case PROP_EXPIRES_SOON_DAYS:
      g_value_set_uint (value, self->expires_soon_days);
      break;

    case PROP_USERS_LOADED:
      g_value_set_uint (value, self->users_loaded);
      break;

    case PROP_USERS_TOTAL:
      g_value_set_uint (value, self->users_total);
      break;

    case PROP_LOADING_USERS:
      g_value_set_boolean (value, self->loading_users);
      break;

    case PROP_PARTIAL:
      g_value_set_boolean (value, self->partial);
      break;

    case PROP_FAILED_USERS:
      g_value_set_boxed (value, self->failed_users);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ak_account_session_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AkAccountSession *self = AK_ACCOUNT_SESSION (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      self->account = g_value_dup_object (value);
      break;

    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_PROVIDER:
      set_provider (self, g_value_get_object (value));
      break;

    case PROP_SCOPE:
      ak_account_session_set_scope (self, g_value_get_enum (value));
      break;

    case PROP_HISTORY:
      ak_account_session_set_history (self, g_value_get_object (value));
      break;

    case PROP_EXPIRES_SOON_DAYS:
      ak_account_session_set_expires_soon_days (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ak_account_session_class_init (AkAccountSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ak_account_session_constructed;
  object_class->dispose = ak_account_session_dispose;
  object_class->finalize = ak_account_session_finalize;
  object_class->get_property = ak_account_session_get_property;
  object_class->set_property = ak_account_session_set_property;

  properties [PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL, AK_TYPE_ACCOUNT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, AK_TYPE_ACCOUNT_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties [PROP_PROVIDER] =
    g_param_spec_object ("provider", NULL, NULL, AK_TYPE_PROVIDER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_FEATURES] =
    g_param_spec_flags ("features", NULL, NULL, AK_TYPE_PROVIDER_FEATURES,
                        AK_PROVIDER_FEATURE_NONE,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_KEYS] =
    g_param_spec_object ("keys", NULL, NULL, G_TYPE_LIST_MODEL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties [PROP_RECENTLY_DELETED] =
    g_param_spec_object ("recently-deleted", NULL, NULL, G_TYPE_LIST_MODEL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  /* The entries of the last list that could not be read safely. */
  properties [PROP_UNREADABLE] =
    g_param_spec_object ("unreadable", NULL, NULL, G_TYPE_LIST_MODEL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties [PROP_N_UNREADABLE] =
    g_param_spec_uint ("n-unreadable", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, AK_TYPE_ACCOUNT_SESSION_STATE,
                       AK_ACCOUNT_SESSION_STATE_NO_ACCOUNT,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_SIGNED_IN] =
    g_param_spec_boolean ("signed-in", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_REFRESHING] =
    g_param_spec_boolean ("refreshing", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_N_OPERATIONS] =
    g_param_spec_uint ("n-operations", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_SCOPE] =
    g_param_spec_enum ("scope", NULL, NULL, AK_TYPE_KEY_SCOPE, AK_KEY_SCOPE_MINE,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* Where every create, delete and restore is recorded, if anywhere. */
  properties [PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, AK_TYPE_HISTORY,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * AkAccountSession:users-loaded:
   *
   * How many users' keys the list of every user's keys has read; it only
   * grows while the list runs and equals #AkAccountSession:users-total at
   * its end.
   */
  properties [PROP_USERS_LOADED] =
    g_param_spec_uint ("users-loaded", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * AkAccountSession:users-total:
   *
   * How many users the list of every user's keys reads; 0 until known.
   */
  properties [PROP_USERS_TOTAL] =
    g_param_spec_uint ("users-total", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * AkAccountSession:loading-users:
   *
   * A list of every user's keys is in flight (its keys appear as they
   * arrive, unless it refreshes keys in sight).
   */
  properties [PROP_LOADING_USERS] =
    g_param_spec_boolean ("loading-users", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * AkAccountSession:partial:
   *
   * The keys are only a part of every user's: their list was stopped after
   * #AkAccountSession:users-loaded of #AkAccountSession:users-total users.
   */
  properties [PROP_PARTIAL] =
    g_param_spec_boolean ("partial", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * AkAccountSession:failed-users:
   *
   * The names of the users whose keys the last list could not read (asked
   * twice), sorted; %NULL when there were none. The other keys are listed.
   */
  properties [PROP_FAILED_USERS] =
    g_param_spec_boxed ("failed-users", NULL, NULL, G_TYPE_STRV,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Within how many days from now an expiry counts as "soon"; bound to
   * the "expires-soon-days" setting by the window. */
  properties [PROP_EXPIRES_SOON_DAYS] =
    g_param_spec_uint ("expires-soon-days", NULL, NULL,
                       1, G_MAXINT, AK_KEY_STATUS_DEFAULT_EXPIRES_SOON_DAYS,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AkAccountSession::key-result:
   * @self: the session
   * @result: an #AkKeyResult
   *
   * A delete, restore or lost create has a result to report: a final one,
   * or %AK_KEY_OUTCOME_CHECKING while a lost answer is being settled. It is
   * emitted even when no view is left, before #AkAccountSession:n-operations
   * drops.
   */
  signals [KEY_RESULT] =
    g_signal_new ("key-result",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, AK_TYPE_KEY_RESULT);

  /**
   * AkAccountSession::refresh-failed:
   * @self: the session
   * @error: why
   *
   * A refresh failed while the keys were in sight; they stay, and the
   * state does not change.
   */
  signals [REFRESH_FAILED] =
    g_signal_new ("refresh-failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
ak_account_session_init (AkAccountSession *self)
{
  self->keys = g_list_store_new (AK_TYPE_KEY);
  self->expires_soon_days = AK_KEY_STATUS_DEFAULT_EXPIRES_SOON_DAYS;
  self->recently_deleted = g_list_store_new (AK_TYPE_DELETED_KEY);
  self->unreadable = g_list_store_new (AK_TYPE_UNREADABLE_ENTRY);
  self->load_cancellable = g_cancellable_new ();
  self->deleting = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->gone = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->lookups = _ak_account_session_new_lookups ();
  self->arrived = g_ptr_array_new_with_free_func (g_object_unref);
  self->added_while_loading = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * ak_account_session_new:
 * @account: (nullable): the account, or %NULL for the "no account" state
 * @store: (nullable): where the account's secret is kept; without one the
 *   installed provider factory is given no secret
 *
 * Call ak_account_session_start() to sign in and list.
 *
 * Returns: (transfer full): a new session
 */
AkAccountSession *
ak_account_session_new (AkAccount      *account,
                        AkAccountStore *store)
{
  g_return_val_if_fail (!account || AK_IS_ACCOUNT (account), NULL);
  g_return_val_if_fail (!store || AK_IS_ACCOUNT_STORE (store), NULL);

  return g_object_new (AK_TYPE_ACCOUNT_SESSION,
                       "account", account,
                       "store", store,
                       NULL);
}

/**
 * ak_account_session_new_signed_in:
 * @account: the account
 * @provider: a provider already signed in to @account (by the sign-in dialog)
 *
 * Returns: (transfer full): a new session; ak_account_session_start() lists
 */
AkAccountSession *
ak_account_session_new_signed_in (AkAccount  *account,
                                  AkProvider *provider)
{
  AkAccountSession *self;

  g_return_val_if_fail (AK_IS_ACCOUNT (account), NULL);
  g_return_val_if_fail (AK_IS_PROVIDER (provider), NULL);

  self = g_object_new (AK_TYPE_ACCOUNT_SESSION,
                       "account", account,
                       "provider", provider,
                       NULL);
  self->signed_in = TRUE;

  return self;
}

/**
 * ak_account_session_start:
 * @self: an #AkAccountSession
 *
 * Signs in, where not signed in yet, and lists the keys.
 */
void
ak_account_session_start (AkAccountSession *self)
{
  g_return_if_fail (AK_IS_ACCOUNT_SESSION (self));

  self->started = TRUE;
  ak_account_session_refresh (self);
}

/**
 * ak_account_session_refresh:
 * @self: an #AkAccountSession
 *
 * Lists the keys again, or signs in again where the last sign-in failed.
 * A read already in flight is superseded.
 */
void
ak_account_session_refresh (AkAccountSession *self)
{
  g_return_if_fail (AK_IS_ACCOUNT_SESSION (self));

  if (self->account == NULL || self->closed)
    return;

  if (self->signed_in)
    load_keys (self);
  else
    sign_in (self);
}

/**
 * ak_account_session_cancel_loading:
 * @self: an #AkAccountSession
 *
 * Stops the sign-in or list in flight. Keys already in sight stay; otherwise
 * the state becomes %AK_ACCOUNT_SESSION_STATE_ERROR with
 * %G_IO_ERROR_CANCELLED.
 */
void
ak_account_session_cancel_loading (AkAccountSession *self)
{
  gboolean stopped_users;

  g_return_if_fail (AK_IS_ACCOUNT_SESSION (self));

  if (self->state != AK_ACCOUNT_SESSION_STATE_SIGNING_IN &&
      self->state != AK_ACCOUNT_SESSION_STATE_LOADING &&
      !self->refreshing && !self->loading_users)
    return;

  /* What arrived of a progressive list stays, labelled as a part. */
  stopped_users = self->progressive && self->loading_users;
  if (self->progressive)
    flush_arrived (self);

  restart_load (self);

  if (stopped_users && g_list_model_get_n_items (G_LIST_MODEL (self->keys)) > 0)
    set_partial (self, TRUE);

  if (self->signed_in && g_list_model_get_n_items (G_LIST_MODEL (self->keys)) > 0)
    {
      _ak_account_session_set_state (self, AK_ACCOUNT_SESSION_STATE_KEYS);
      return;
    }

  set_error (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                        _("Nothing was changed. Try again when you are "
                                          "ready.")));
  _ak_account_session_set_state (self, AK_ACCOUNT_SESSION_STATE_ERROR);
}

/**
 * ak_account_session_sign_out:
 * @self: an #AkAccountSession
 * @reason: (nullable): a sentence for the person, or %NULL
 *
 * Stops reading, wipes the secrets kept for Undo, and goes to
 * %AK_ACCOUNT_SESSION_STATE_SIGNED_OUT. Changes in flight still finish.
 */
void
ak_account_session_sign_out (AkAccountSession *self,
                             const char       *reason)
{
  g_return_if_fail (AK_IS_ACCOUNT_SESSION (self));

  if (self->account == NULL)
    return;

  _ak_account_session_show_signed_out (self, reason != NULL ? reason
                                                            : _("You signed out."));
}

/**
 * ak_account_session_close:
 * @self: an #AkAccountSession
 *
 * The view is done with the session: reads stop, the secrets kept for Undo
 * are wiped, and nothing new is read. Changes in flight still finish and are
 * reported through #AkAccountSession::key-result.
 */
void
ak_account_session_close (AkAccountSession *self)
{
  g_return_if_fail (AK_IS_ACCOUNT_SESSION (self));

  self->closed = TRUE;
  restart_load (self);
  _ak_account_session_forget_secrets (self);
  _ak_account_session_stop_status (self);
}

void
_ak_account_session_notify_expires_soon_days (AkAccountSession *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_EXPIRES_SOON_DAYS]);
}

/* Whether the view is done with the session (ak_account_session_close()). */
gboolean
ak_account_session_get_closed (AkAccountSession *self)
{
  g_return_val_if_fail (AK_IS_ACCOUNT_SESSION (self), TRUE);

  return self->closed;
}

/**
 * ak_account_session_get_account:
 * @self: an #AkAccountSession
 *
 * Returns: (transfer none) (nullable): the account
 */
AkAccount *
ak_account_session_get_account (AkAccountSession *self)
{
  g_return_val_if_fail (AK_IS_ACCOUNT_SESSION (self), NULL);

  return self->account;
}

/**
 * ak_account_session_get_provider:
 * @self: an #AkAccountSession
 *
 * Returns: (transfer none) (nullable): the provider, once there is one
 */
AkProvider *
ak_account_session_get_provider (AkAccountSession *self)
{
  g_return_val_if_fail (AK_IS_ACCOUNT_SESSION (self), NULL);

  return self->provider;
}

gboolean
ak_account_session_has_feature (AkAccountSession   *self,
                                AkProviderFeatures  feature)
{
  g_return_val_if_fail (AK_IS_ACCOUNT_SESSION (self), FALSE);

  return self->provider != NULL && ak_provider_has_feature (self->provider, feature);
}

/**
 * ak_account_session_get_keys:
 * @self: an #AkAccountSession
 *
 * Returns: (transfer none): the #GListModel of #AkKey the server has
 */
GListModel *
ak_account_session_get_keys (AkAccountSession *self)
{
  g_return_val_if_fail (AK_IS_ACCOUNT_SESSION (self), NULL);

  return G_LIST_MODEL (self->keys);
}

/**
 * ak_account_session_get_recently_deleted:
 * @self: an #AkAccountSession
 *
 * Returns: (transfer none): the #GListModel of #AkDeletedKey, newest first
 */
GListModel *
ak_account_session_get_recently_deleted (AkAccountSession *self)
{
  g_return_val_if_fail (AK_IS_ACCOUNT_SESSION (self), NULL);

  return G_LIST_MODEL (self->recently_deleted);
}

/**
 * ak_account_session_get_unreadable:
 * @self: an #AkAccountSession
 *
 * The entries of the last list that could not be read safely: they are not
 * among the keys, so they cannot be deleted from here, but a person must
 * know that the list is short of them. Replaced by every list that
 * succeeds; a refresh that fails leaves them, as it leaves the keys.
 *
 * Returns: (transfer none): the #GListModel of #AkUnreadableEntry
 */
GListModel *
ak_account_session_get_unreadable (AkAccountSession *self)
{
  g_return_val_if_fail (AK_IS_ACCOUNT_SESSION (self), NULL);

  return G_LIST_MODEL (self->unreadable);
}

guint
ak_account_session_get_n_unreadable (AkAccountSession *self)
{
  g_return_val_if_fail (AK_IS_ACCOUNT_SESSION (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->unreadable));
}

AkAccountSessionState
ak_account_session_get_state (AkAccountSession *self)
{
  g_return_val_if_fail (AK_IS_ACCOUNT_SESSION (self), AK_ACCOUNT_SESSION_STATE_NO_ACCOUNT);

  return self->state;
}

/**
 * ak_account_session_get_error:
 * @self: an #AkAccountSession
 *
 * Returns: (transfer none) (nullable): why the state is
 *   %AK_ACCOUNT_SESSION_STATE_ERROR or %AK_ACCOUNT_SESSION_STATE_SIGNED_OUT;
 *   its message is a sentence for the person
 */
const GError *
ak_account_session_get_error (AkAccountSession *self)
{
  g_return_val_if_fail (AK_IS_ACCOUNT_SESSION (self), NULL);

  return self->error;
}

gboolean
ak_account_session_get_signed_in (AkAccountSession *self)
{
  g_return_val_if_fail (AK_IS_ACCOUNT_SESSION (self), FALSE);

  return self->signed_in;
}

gboolean
ak_account_session_get_refreshing (AkAccountSession *self)
{
  g_return_val_if_fail (AK_IS_ACCOUNT_SESSION (self), FALSE);

  return self->refreshing;
}

/* The deletes, restores and creates in flight: while there are any, the
 * application stays alive and asks before quitting. */
guint
ak_account_session_get_n_operations (AkAccountSession *self)
{
  g_return_val_if_fail (AK_IS_ACCOUNT_SESSION (self), 0);

  return self->n_operations;
}

AkKeyScope
ak_account_session_get_scope (AkAccountSession *self)
{
  g_return_val_if_fail (AK_IS_ACCOUNT_SESSION (self), AK_KEY_SCOPE_MINE);

  return self->scope;
}

/**
 * ak_account_session_get_users_loaded:
 * @self: an #AkAccountSession
 *
 * Returns: how many users' keys the list of every user's keys has read
 */
guint
ak_account_session_get_users_loaded (AkAccountSession *self)
{
  g_return_val_if_fail (AK_IS_ACCOUNT_SESSION (self), 0);

  return self->users_loaded;
}

/**
 * ak_account_session_get_users_total:
 * @self: an #AkAccountSession
 *
 * Returns: how many users the list of every user's keys reads, 0 until known
 */
guint
ak_account_session_get_users_total (AkAccountSession *self)
{
  g_return_val_if_fail (AK_IS_ACCOUNT_SESSION (self), 0);

  return self->users_total;
}

/**
 * ak_account_session_get_loading_users:
 * @self: an #AkAccountSession
 *
 * Returns: whether a list of every user's keys is in flight
 */
gboolean
ak_account_session_get_loading_users (AkAccountSession *self)
{
  g_return_val_if_fail (AK_IS_ACCOUNT_SESSION (self), FALSE);

  return self->loading_users;
}

/**
 * ak_account_session_get_partial:
 * @self: an #AkAccountSession
 *
 * Returns: whether the keys are only a part of every user's, their list
 *   having been stopped
 */
gboolean
ak_account_session_get_partial (AkAccountSession *self)
{
  g_return_val_if_fail (AK_IS_ACCOUNT_SESSION (self), FALSE);

  return self->partial;
}

/**
 * ak_account_session_get_failed_users:
 * @self: an #AkAccountSession
 *
 * Returns: (transfer none) (nullable): the names of the users whose keys
 *   the last list could not read, or %NULL
 */
const char * const *
ak_account_session_get_failed_users (AkAccountSession *self)
{
  g_return_val_if_fail (AK_IS_ACCOUNT_SESSION (self), NULL);

  return (const char * const *) self->failed_users;
}

/**
 * ak_account_session_set_scope:
 * @self: an #AkAccountSession
 * @scope: whose keys to list
 *
 * Other people's keys are a different list, not a refresh of this one: the
 * list in flight is cancelled and the keys are listed afresh.
 */
void
ak_account_session_set_scope (AkAccountSession *self,
                              AkKeyScope        scope)
{
  g_return_if_fail (AK_IS_ACCOUNT_SESSION (self));

  if (self->scope == scope)
    return;

  self->scope = scope;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SCOPE]);

  /* Before the start, the first list asks for this scope anyway. */
  if (self->provider == NULL || !self->signed_in || self->closed || !self->started ||
      !ak_provider_has_feature (self->provider, AK_PROVIDER_FEATURE_ALL_USERS))
    return;

  g_list_store_remove_all (self->keys);
  load_keys (self);
}

/**
 * ak_account_session_find_key:
 * @self: an #AkAccountSession
 * @kind: the key's kind
 * @id: the key's ID
 *
 * Returns: (transfer none) (nullable): the store's key with this identity
 */
AkKey *
ak_account_session_find_key (AkAccountSession *self,
                             AkKeyKind         kind,
                             const char       *id)
{
  g_autoptr(AkKey) key = NULL;
  guint position;

  g_return_val_if_fail (AK_IS_ACCOUNT_SESSION (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (!_ak_account_session_find (self, kind, id, &position))
    return NULL;

  key = g_list_model_get_item (G_LIST_MODEL (self->keys), position);

  /* The store keeps its own reference. */
  return key;
}

gboolean
ak_account_session_is_deleting (AkAccountSession *self,
                                AkKeyKind         kind,
                                const char       *id)
{
  g_autofree char *identity = NULL;

  g_return_val_if_fail (AK_IS_ACCOUNT_SESSION (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  identity = ak_key_identity (kind, id);

  return g_hash_table_contains (self->deleting, identity);
}

/* Whether the key is the application credential the account signs in
 * with, whose delete signs the app out. */
gboolean
ak_account_session_is_sign_in_key (AkAccountSession *self,
                                   AkKeyKind         kind,
                                   const char       *id)
{
  g_return_val_if_fail (AK_IS_ACCOUNT_SESSION (self), FALSE);

  return self->account != NULL &&
         kind == AK_KEY_KIND_APPLICATION_CREDENTIAL &&
         ak_account_get_auth_kind (self->account) == AK_AUTH_KIND_APPLICATION_CREDENTIAL &&
         g_strcmp0 (ak_account_get_application_credential_id (self->account), id) == 0;
}

/* Whether a delete of the key can be undone: an EC2 key where the provider
 * can restore keys (its secret is then fetched before the delete and kept
 * in memory). An application credential never can: the server keeps only
 * a hash of its secret. */
gboolean
ak_account_session_can_restore (AkAccountSession *self,
                                AkKeyKind         kind,
                                const char       *id)
{
  g_return_val_if_fail (AK_IS_ACCOUNT_SESSION (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  return kind == AK_KEY_KIND_EC2 &&
         self->provider != NULL &&
         ak_provider_has_feature (self->provider, AK_PROVIDER_FEATURE_RESTORE) &&
         !ak_account_session_is_sign_in_key (self, kind, id);
}

/**
 * ak_account_session_add_key:
 * @self: an #AkAccountSession
 * @key: a key just created
 *
 * Adds @key to the list without waiting for a refresh.
 */
void
ak_account_session_add_key (AkAccountSession *self,
                            AkKey            *key)
{
  g_autofree char *identity = NULL;

  g_return_if_fail (AK_IS_ACCOUNT_SESSION (self));
  g_return_if_fail (AK_IS_KEY (key));

  identity = ak_key_identity (ak_key_get_kind (key), ak_key_get_id (key));
  g_hash_table_remove (self->gone, identity);

  if (!_ak_account_session_find (self, ak_key_get_kind (key), ak_key_get_id (key), NULL))
    {
      g_list_store_append (self->keys, key);
      _ak_account_session_update_flags (self);
    }

  if (self->progressive)
    g_hash_table_add (self->added_while_loading, g_steal_pointer (&identity));

  if (self->signed_in && !self->refreshing && self->state == AK_ACCOUNT_SESSION_STATE_EMPTY)
    _ak_account_session_set_state (self, AK_ACCOUNT_SESSION_STATE_KEYS);
}

/**
 * ak_account_session_get_history:
 * @self: an #AkAccountSession
 *
 * Returns: (transfer none) (nullable): where the session records its
 *   creates, deletes and restores
 */
AkHistory *
ak_account_session_get_history (AkAccountSession *self)
{
  g_return_val_if_fail (AK_IS_ACCOUNT_SESSION (self), NULL);

  return self->history;
}

/**
 * ak_account_session_set_history:
 * @self: an #AkAccountSession
 * @history: (nullable): where to record every create, delete and restore
 *   from now on, or %NULL for nowhere
 */
void
ak_account_session_set_history (AkAccountSession *self,
                                AkHistory        *history)
{
  g_return_if_fail (AK_IS_ACCOUNT_SESSION (self));
  g_return_if_fail (!history || AK_IS_HISTORY (history));

  if (g_set_object (&self->history, history))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_HISTORY]);
}
