/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-account-session"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ak-account-session-private.h"
#include "ak-deleted-key-private.h"
#include "ak-error.h"
#include "ak-util-private.h"

/* The changes an account session makes: delete (one or many), restore and
 * create. Each goes by the key's identity (kind and ID), never a position,
 * and looks the key up again when its answer comes, since the list may have
 * been re-sorted or refreshed with new objects meanwhile. None has a
 * cancellable: once sent, a change finishes and is reported. Each holds the
 * session through its GTask and counts in #AkAccountSession:n-operations.
 *
 * The truth: when the answer to a delete or restore is lost (a network
 * failure or a timeout after the request went out), the server is asked for
 * the key, and what it says settles the outcome; a create whose answer was
 * lost is settled by listing again. */

/* At most this many deletes of a batch are on their way at once. */
#define MAX_DELETES_IN_FLIGHT 4

static gboolean
answer_was_lost (const GError *error)
{
  return g_error_matches (error, AK_ERROR, AK_ERROR_NETWORK) ||
         g_error_matches (error, AK_ERROR, AK_ERROR_TIMEOUT);
}

/* Delete */

typedef struct
{
  AkKey       *key;
  AkSecret    *secret;
  GError      *error;
  char        *identity;
} DeleteData;

static void
delete_data_free (DeleteData *data)
{
  g_clear_object (&data->key);
  g_clear_pointer (&data->secret, ak_secret_unref);
  g_clear_error (&data->error);
  g_clear_pointer (&data->identity, g_free);
  g_free (data);
}

static void
set_deleting (AkAccountSession *self,
              DeleteData       *data,
              gboolean          deleting)
{
  AkKey *key = ak_account_session_find_key (self, ak_key_get_kind (data->key),
                                            ak_key_get_id (data->key));

  if (deleting)
    g_hash_table_add (self->deleting, g_strdup (data->identity));
  else
    g_hash_table_remove (self->deleting, data->identity);

  /* Whatever object the list holds for the key now. */
  if (key != NULL)
    ak_key_set_deleting (key, deleting);
}

static void
finish_delete (GTask        *task,
               AkKeyOutcome  outcome,
               const GError *error,
               gboolean      settled)
{
  AkAccountSession *self = g_task_get_source_object (task);
  DeleteData *data = g_task_get_task_data (task);
  AkKeyKind kind = ak_key_get_kind (data->key);
  const char *id = ak_key_get_id (data->key);
  g_autoptr(AkKeyResult) result = NULL;
  guint position;

  set_deleting (self, data, FALSE);

  result = ak_key_result_new (AK_KEY_OPERATION_DELETE, outcome, data->key, error);
  ak_key_result_set_settled (result, settled);

  if (outcome == AK_KEY_OUTCOME_DONE || outcome == AK_KEY_OUTCOME_ALREADY_GONE)
    {
      if (_ak_account_session_find (self, kind, id, &position))
        g_list_store_remove (self->keys, position);

      /* A list that started before now may still name the key: hide it. */
      g_hash_table_insert (self->gone, g_strdup (data->identity),
                           GUINT_TO_POINTER (self->load_serial));

      /* Kept for Undo only while a view can offer it. */
      if (outcome == AK_KEY_OUTCOME_DONE && data->secret != NULL && !self->closed)
        {
          g_autoptr(AkDeletedKey) entry = _ak_deleted_key_new (data->key, data->secret);

          g_list_store_insert (self->recently_deleted, 0, entry);
        }

      if (ak_account_session_is_sign_in_key (self, kind, id))
        _ak_account_session_show_signed_out (self,
                                             _("The application credential this app signed "
                                               "in with was deleted, so the app is signed "
                                               "out. Sign in again with your password or "
                                               "another application credential."));
      else if (g_list_model_get_n_items (G_LIST_MODEL (self->keys)) == 0 &&
               self->state == AK_ACCOUNT_SESSION_STATE_KEYS)
        _ak_account_session_set_state (self, AK_ACCOUNT_SESSION_STATE_EMPTY);
    }

  /* Not deleted, or not known: the secret fetched for Undo goes now. */
  g_clear_pointer (&data->secret, ak_secret_unref);

  /* Reported, then no longer in flight, then handed back: a batch's
   * callback may start the next delete at once. */
  _ak_account_session_emit_result (self, result);
  _ak_account_session_end_operation (self);
  g_task_return_pointer (task, g_steal_pointer (&result), g_object_unref);
}

static void
settle_delete_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DeleteData *data = g_task_get_task_data (task);
  g_autoptr(AkKey) found = NULL;
  g_autoptr(GError) error = NULL;

  found = ak_provider_get_key_finish (AK_PROVIDER (object), result, &error);

  if (found != NULL)
    finish_delete (task, AK_KEY_OUTCOME_FAILED, data->error, TRUE);
  else if (g_error_matches (error, AK_ERROR, AK_ERROR_NOT_FOUND))
    finish_delete (task, AK_KEY_OUTCOME_DONE, NULL, TRUE);
  else
    finish_delete (task, AK_KEY_OUTCOME_UNKNOWN, data->error, FALSE);
}

static void
delete_key_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AkAccountSession *self = g_task_get_source_object (task);
  DeleteData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (ak_provider_delete_key_finish (AK_PROVIDER (object), result, &error))
    {
      finish_delete (task, AK_KEY_OUTCOME_DONE, NULL, FALSE);
    }
  else if (g_error_matches (error, AK_ERROR, AK_ERROR_NOT_FOUND))
    {
      finish_delete (task, AK_KEY_OUTCOME_ALREADY_GONE, NULL, FALSE);
    }
  else if (g_error_matches (error, AK_ERROR, AK_ERROR_PERMISSION))
    {
      finish_delete (task, AK_KEY_OUTCOME_NOT_ALLOWED, error, FALSE);
    }
  else if (answer_was_lost (error))
    {
      g_autoptr(AkKeyResult) checking = NULL;

      /* The request went out; whether the server acted is not known. Say so,
       * then ask the server. */
      data->error = g_steal_pointer (&error);
      checking = ak_key_result_new (AK_KEY_OPERATION_DELETE, AK_KEY_OUTCOME_CHECKING,
                                    data->key, data->error);
      _ak_account_session_emit_result (self, checking);
      ak_provider_get_key_async (AK_PROVIDER (object), data->key, NULL, settle_delete_cb,
                                 g_steal_pointer (&task));
    }
  else
    {
      if (g_error_matches (error, AK_ERROR, AK_ERROR_AUTH))
        _ak_account_session_show_refused (self);
      finish_delete (task, AK_KEY_OUTCOME_FAILED, error, FALSE);
    }
}

static void
send_delete (GTask *task)
{
  AkAccountSession *self = g_task_get_source_object (task);
  DeleteData *data = g_task_get_task_data (task);

  ak_provider_delete_key_async (self->provider, data->key, NULL, delete_key_cb,
                                g_object_ref (task));
}

static void
fetch_secret_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DeleteData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  data->secret = ak_provider_fetch_secret_finish (AK_PROVIDER (object), result, &error);

  /* Nothing was sent yet, so a failure here is a certain "not deleted". */
  if (g_error_matches (error, AK_ERROR, AK_ERROR_NOT_FOUND))
    finish_delete (task, AK_KEY_OUTCOME_ALREADY_GONE, NULL, FALSE);
  else if (g_error_matches (error, AK_ERROR, AK_ERROR_PERMISSION))
    finish_delete (task, AK_KEY_OUTCOME_NOT_ALLOWED, error, FALSE);
  else if (error != NULL)
    finish_delete (task, AK_KEY_OUTCOME_FAILED, error, FALSE);
  else
    send_delete (task);
}

/**
 * ak_account_session_delete_key_async:
 * @self: an #AkAccountSession
 * @kind: the key's kind
 * @id: the key's ID
 * @fallback: (nullable): the key to send when the list no longer has it
 * @callback: called with the #AkKeyResult
 * @user_data: closure data for @callback
 *
 * Deletes the key, which the person has confirmed. Where the provider can
 * restore keys, an EC2 key's secret is fetched first and kept for Undo
 * (#AkAccountSession:recently-deleted). A second delete of the same key while
 * one is on its way finishes at once with %G_IO_ERROR_PENDING.
 */
void
ak_account_session_delete_key_async (AkAccountSession    *self,
                                     AkKeyKind            kind,
                                     const char          *id,
                                     AkKey               *fallback,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  DeleteData *data;
  AkKey *key;

  g_return_if_fail (AK_IS_ACCOUNT_SESSION (self));
  g_return_if_fail (id != NULL);
  g_return_if_fail (!fallback || AK_IS_KEY (fallback));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, ak_account_session_delete_key_async);

  if (self->provider == NULL || !self->signed_in)
    {
      g_task_return_new_error (task, AK_ERROR, AK_ERROR_AUTH, "%s",
                               ak_error_code_to_message (AK_ERROR_AUTH));
      return;
    }

  if (ak_account_session_is_deleting (self, kind, id))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               "A delete of this key is on its way already");
      return;
    }

  key = ak_account_session_find_key (self, kind, id);
  if (key == NULL)
    key = fallback;
  if (key == NULL)
    {
      g_task_return_new_error (task, AK_ERROR, AK_ERROR_NOT_FOUND, "%s",
                               ak_error_code_to_message (AK_ERROR_NOT_FOUND));
      return;
    }

  data = g_new0 (DeleteData, 1);
  data->key = g_object_ref (key);
  data->identity = ak_key_identity (kind, id);
  g_task_set_task_data (task, data, (GDestroyNotify) delete_data_free);

  _ak_account_session_begin_operation (self);
  set_deleting (self, data, TRUE);

  if (ak_account_session_can_restore (self, kind, id))
    ak_provider_fetch_secret_async (self->provider, key, NULL, fetch_secret_cb,
                                    g_steal_pointer (&task));
  else
    send_delete (task);
}

/**
 * ak_account_session_delete_key_finish:
 * @self: an #AkAccountSession
 * @result: the #GAsyncResult given to the callback
 * @error: a location for a #GError, set only when no delete was sent
 *
 * Returns: (transfer full): the result, also emitted as
 *   #AkAccountSession::key-result, or %NULL
 */
AkKeyResult *
ak_account_session_delete_key_finish (AkAccountSession  *self,
                                      GAsyncResult      *result,
                                      GError           **error)
{
  g_return_val_if_fail (AK_IS_ACCOUNT_SESSION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Restore */

typedef struct
{
  AkDeletedKey *entry;
  AkSecret     *secret;
  GError       *error;
} RestoreData;

static void
restore_data_free (RestoreData *data)
{
  g_clear_object (&data->entry);
  g_clear_pointer (&data->secret, ak_secret_unref);
  g_clear_error (&data->error);
  g_free (data);
}

static AkDeletedKey *
find_deleted (AkAccountSession *self,
              AkKeyKind         kind,
              const char       *id,
              guint            *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->recently_deleted));

  g_assert (id != NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AkDeletedKey) entry =
        g_list_model_get_item (G_LIST_MODEL (self->recently_deleted), i);
      AkKey *key = ak_deleted_key_get_key (entry);

      if (ak_key_get_kind (key) == kind && g_strcmp0 (ak_key_get_id (key), id) == 0)
        {
          if (position != NULL)
            *position = i;
          return entry;
        }
    }

  return NULL;
}

/**
 * ak_account_session_find_deleted:
 * @self: an #AkAccountSession
 * @kind: the key's kind
 * @id: the key's ID
 *
 * Returns: (transfer none) (nullable): the recently deleted entry for the
 *   key, if there is one
 */
AkDeletedKey *
ak_account_session_find_deleted (AkAccountSession *self,
                                 AkKeyKind         kind,
                                 const char       *id)
{
  g_return_val_if_fail (AK_IS_ACCOUNT_SESSION (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return find_deleted (self, kind, id, NULL);
}

static void
finish_restore (GTask        *task,
                AkKeyOutcome  outcome,
                AkKey        *restored,
                const GError *error,
                gboolean      settled)
{
  AkAccountSession *self = g_task_get_source_object (task);
  RestoreData *data = g_task_get_task_data (task);
  AkKey *key = ak_deleted_key_get_key (data->entry);
  g_autoptr(AkKeyResult) result = NULL;
  guint position;

  _ak_deleted_key_set_restoring (data->entry, FALSE);

  result = ak_key_result_new (AK_KEY_OPERATION_RESTORE, outcome, key, error);
  ak_key_result_set_settled (result, settled);

  if (outcome == AK_KEY_OUTCOME_DONE)
    {
      /* Back on the server: its secret is wiped here, and the entry goes. */
      _ak_deleted_key_forget_secret (data->entry);
      g_clear_pointer (&data->secret, ak_secret_unref);
      if (find_deleted (self, ak_key_get_kind (key), ak_key_get_id (key), &position) ==
          data->entry)
        g_list_store_remove (self->recently_deleted, position);

      ak_account_session_add_key (self, restored != NULL ? restored : key);
    }

  /* Reported, then no longer in flight, then handed back: a batch's
   * callback may start the next delete at once. */
  _ak_account_session_emit_result (self, result);
  _ak_account_session_end_operation (self);
  g_task_return_pointer (task, g_steal_pointer (&result), g_object_unref);
}

static void
settle_restore_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RestoreData *data = g_task_get_task_data (task);
  g_autoptr(AkKey) found = NULL;
  g_autoptr(GError) error = NULL;

  found = ak_provider_get_key_finish (AK_PROVIDER (object), result, &error);

  if (found != NULL)
    finish_restore (task, AK_KEY_OUTCOME_DONE, found, NULL, TRUE);
  else if (g_error_matches (error, AK_ERROR, AK_ERROR_NOT_FOUND))
    finish_restore (task, AK_KEY_OUTCOME_FAILED, NULL, data->error, TRUE);
  else
    finish_restore (task, AK_KEY_OUTCOME_UNKNOWN, NULL, data->error, FALSE);
}

static void
restore_key_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AkAccountSession *self = g_task_get_source_object (task);
  RestoreData *data = g_task_get_task_data (task);
  AkKey *key = ak_deleted_key_get_key (data->entry);
  g_autoptr(AkKey) restored = NULL;
  g_autoptr(GError) error = NULL;

  restored = ak_provider_restore_key_finish (AK_PROVIDER (object), result, &error);

  if (restored != NULL)
    {
      finish_restore (task, AK_KEY_OUTCOME_DONE, restored, NULL, FALSE);
    }
  else if (answer_was_lost (error) || g_error_matches (error, AK_ERROR, AK_ERROR_CONFLICT))
    {
      /* Lost, or "exists already" (an earlier restore whose answer was
       * lost, say): the server says whether the key is back. */
      if (answer_was_lost (error))
        {
          g_autoptr(AkKeyResult) checking =
            ak_key_result_new (AK_KEY_OPERATION_RESTORE, AK_KEY_OUTCOME_CHECKING, key, error);

          _ak_account_session_emit_result (self, checking);
        }
      data->error = g_steal_pointer (&error);
      ak_provider_get_key_async (AK_PROVIDER (object), key, NULL, settle_restore_cb,
                                 g_steal_pointer (&task));
    }
  else if (g_error_matches (error, AK_ERROR, AK_ERROR_PERMISSION))
    {
      finish_restore (task, AK_KEY_OUTCOME_NOT_ALLOWED, NULL, error, FALSE);
    }
  else
    {
      finish_restore (task, AK_KEY_OUTCOME_FAILED, NULL, error, FALSE);
    }
}

/**
 * ak_account_session_restore_key_async:
 * @self: an #AkAccountSession
 * @kind: the deleted key's kind
 * @id: the deleted key's ID
 * @callback: called with the #AkKeyResult
 * @user_data: closure data for @callback
 *
 * Makes a recently deleted EC2 key again, with the same ID and secret. On
 * success its entry leaves #AkAccountSession:recently-deleted, its secret is
 * wiped and the key is back in the list. A key that cannot be restored
 * finishes at once with %AK_ERROR_NOT_FOUND.
 */
void
ak_account_session_restore_key_async (AkAccountSession    *self,
                                      AkKeyKind            kind,
                                      const char          *id,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  AkDeletedKey *entry;
  RestoreData *data;

  g_return_if_fail (AK_IS_ACCOUNT_SESSION (self));
  g_return_if_fail (id != NULL);

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, ak_account_session_restore_key_async);

  entry = find_deleted (self, kind, id, NULL);
  if (self->provider == NULL || entry == NULL || !ak_deleted_key_get_restorable (entry))
    {
      g_task_return_new_error (task, AK_ERROR, AK_ERROR_NOT_FOUND, "%s",
                               _("This key can no longer be restored."));
      return;
    }

  if (ak_deleted_key_get_restoring (entry))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               "A restore of this key is on its way already");
      return;
    }

  data = g_new0 (RestoreData, 1);
  data->entry = g_object_ref (entry);
  /* The request needs it even if the entry is wiped meanwhile. */
  data->secret = ak_secret_ref (_ak_deleted_key_get_secret (entry));
  g_task_set_task_data (task, data, (GDestroyNotify) restore_data_free);

  _ak_account_session_begin_operation (self);
  _ak_deleted_key_set_restoring (entry, TRUE);
  ak_provider_restore_key_async (self->provider, ak_deleted_key_get_key (entry), data->secret,
                                 NULL, restore_key_cb, g_steal_pointer (&task));
}

/**
 * ak_account_session_restore_key_finish:
 * @self: an #AkAccountSession
 * @result: the #GAsyncResult given to the callback
 * @error: a location for a #GError, set only when nothing was sent
 *
 * Returns: (transfer full): the result, or %NULL
 */
AkKeyResult *
ak_account_session_restore_key_finish (AkAccountSession  *self,
                                       GAsyncResult      *result,
                                       GError           **error)
{
  g_return_val_if_fail (AK_IS_ACCOUNT_SESSION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Delete many */

typedef struct
{
  /* The keys, and a result per key, in the order asked. A NULL key has
   * its result already (one not retried). */
  GPtrArray *keys;
  GPtrArray *results;
  guint      next;
  guint      in_flight;
  guint      remaining;
} BatchData;

/* A batch's arrays have holes: keys not retried, results not in yet. */
static void
unref_nullable (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

static void
batch_data_free (BatchData *data)
{
  g_clear_pointer (&data->keys, g_ptr_array_unref);
  g_clear_pointer (&data->results, g_ptr_array_unref);
  g_free (data);
}

typedef struct
{
  GTask *task;
  guint  index;
} BatchItem;

static void pump_batch (GTask *task);

static void
batch_delete_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  BatchItem *item = user_data;
  g_autoptr(GTask) task = g_steal_pointer (&item->task);
  BatchData *data = g_task_get_task_data (task);
  guint index = item->index;
  g_autoptr(AkKeyResult) key_result = NULL;
  g_autoptr(GError) error = NULL;

  g_free (item);

  key_result = ak_account_session_delete_key_finish (AK_ACCOUNT_SESSION (object), result,
                                                     &error);
  if (key_result == NULL)
    {
      AkKey *key = g_ptr_array_index (data->keys, index);

      /* Nothing was sent for it (signed out meanwhile, say). */
      key_result = ak_key_result_new (AK_KEY_OPERATION_DELETE,
                                      g_error_matches (error, AK_ERROR, AK_ERROR_NOT_FOUND)
                                        ? AK_KEY_OUTCOME_ALREADY_GONE
                                        : AK_KEY_OUTCOME_FAILED,
                                      key, error);
    }

  g_clear_object (&g_ptr_array_index (data->results, index));
  g_ptr_array_index (data->results, index) = g_steal_pointer (&key_result);
  data->in_flight--;
  data->remaining--;

  pump_batch (task);
}

static void
pump_batch (GTask *task)
{
  AkAccountSession *self = g_task_get_source_object (task);
  BatchData *data = g_task_get_task_data (task);

  while (data->in_flight < MAX_DELETES_IN_FLIGHT && data->next < data->keys->len)
    {
      guint index = data->next++;
      AkKey *key = g_ptr_array_index (data->keys, index);
      BatchItem *item;

      if (key == NULL)
        continue;

      item = g_new0 (BatchItem, 1);
      item->task = g_object_ref (task);
      item->index = index;
      data->in_flight++;
      ak_account_session_delete_key_async (self, ak_key_get_kind (key), ak_key_get_id (key),
                                           key, batch_delete_cb, item);
    }

  if (data->remaining == 0 && data->in_flight == 0 && data->next >= data->keys->len &&
      !g_task_had_error (task) && g_task_get_completed (task) == FALSE)
    g_task_return_pointer (task, g_ptr_array_ref (data->results),
                           (GDestroyNotify) g_ptr_array_unref);
}

static void
start_batch (AkAccountSession    *self,
             GPtrArray           *keys,
             GPtrArray           *previous,
             gpointer             source_tag,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, callback, user_data);
  BatchData *data = g_new0 (BatchData, 1);

  g_task_set_source_tag (task, source_tag);

  data->keys = g_ptr_array_new_full (keys->len, unref_nullable);
  data->results = g_ptr_array_new_full (keys->len, unref_nullable);
  for (guint i = 0; i < keys->len; i++)
    {
      AkKey *key = g_ptr_array_index (keys, i);
      AkKeyResult *kept = previous != NULL ? g_ptr_array_index (previous, i) : NULL;

      g_ptr_array_add (data->keys, key != NULL ? g_object_ref (key) : NULL);
      g_ptr_array_add (data->results, kept != NULL ? g_object_ref (kept) : NULL);
      if (key != NULL)
        data->remaining++;
    }
  g_task_set_task_data (task, data, (GDestroyNotify) batch_data_free);

  pump_batch (task);
}

/**
 * ak_account_session_delete_keys_async:
 * @self: an #AkAccountSession
 * @keys: (element-type AkKey): the keys to delete, confirmed by the person
 * @callback: called when every delete has its result
 * @user_data: closure data for @callback
 *
 * Deletes many keys, at most four at a time. Each key gets its own
 * #AkKeyResult (deleted, already gone, not allowed, failed, unknown), also
 * emitted as #AkAccountSession::key-result as it comes.
 */
void
ak_account_session_delete_keys_async (AkAccountSession    *self,
                                      GPtrArray           *keys,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (AK_IS_ACCOUNT_SESSION (self));
  g_return_if_fail (keys != NULL);

  for (guint i = 0; i < keys->len; i++)
    g_return_if_fail (AK_IS_KEY (g_ptr_array_index (keys, i)));

  start_batch (self, keys, NULL, ak_account_session_delete_keys_async, callback, user_data);
}

/**
 * ak_account_session_delete_keys_finish:
 * @self: an #AkAccountSession
 * @result: the #GAsyncResult given to the callback
 * @error: a location for a #GError
 *
 * Returns: (transfer container) (element-type AkKeyResult): a result per
 *   key, in the order of the keys
 */
GPtrArray *
ak_account_session_delete_keys_finish (AkAccountSession  *self,
                                       GAsyncResult      *result,
                                       GError           **error)
{
  g_return_val_if_fail (AK_IS_ACCOUNT_SESSION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * ak_account_session_retry_failed_async:
 * @self: an #AkAccountSession
 * @results: (element-type AkKeyResult): what a batch delete finished with
 * @callback: called when every retried delete has its result
 * @user_data: closure data for @callback
 *
 * Deletes again only the keys whose result may change on retry (failed or
 * unknown); the others keep their result.
 */
void
ak_account_session_retry_failed_async (AkAccountSession    *self,
                                       GPtrArray           *results,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GPtrArray) keys = NULL;

  g_return_if_fail (AK_IS_ACCOUNT_SESSION (self));
  g_return_if_fail (results != NULL);

  keys = g_ptr_array_new_full (results->len, NULL);
  for (guint i = 0; i < results->len; i++)
    {
      AkKeyResult *result = g_ptr_array_index (results, i);

      g_return_if_fail (AK_IS_KEY_RESULT (result));
      g_ptr_array_add (keys, ak_key_result_can_retry (result) ? ak_key_result_get_key (result)
                                                              : NULL);
    }

  start_batch (self, keys, results, ak_account_session_retry_failed_async, callback,
               user_data);
}

/**
 * ak_account_session_retry_failed_finish:
 * @self: an #AkAccountSession
 * @result: the #GAsyncResult given to the callback
 * @error: a location for a #GError
 *
 * Returns: (transfer container) (element-type AkKeyResult): a result per
 *   key, in the order of the results retried
 */
GPtrArray *
ak_account_session_retry_failed_finish (AkAccountSession  *self,
                                        GAsyncResult      *result,
                                        GError           **error)
{
  g_return_val_if_fail (AK_IS_ACCOUNT_SESSION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Create */

typedef struct
{
  AkKeyKind   kind;
  char       *name;
  /* The key this create replaces, by its name or ID, for History. */
  char       *replaces;
  AkKey      *key;
  AkSecret   *secret;
  GError     *error;
  /* Identities of the keys known before the create, to tell a new one. */
  GHashTable *before;
} CreateData;

static void
create_data_free (CreateData *data)
{
  g_clear_pointer (&data->name, g_free);
  g_clear_pointer (&data->replaces, g_free);
  g_clear_object (&data->key);
  g_clear_pointer (&data->secret, ak_secret_unref);
  g_clear_error (&data->error);
  g_clear_pointer (&data->before, g_hash_table_unref);
  g_free (data);
}

/* The key a create that made none was about: the kind and name asked for,
 * and no ID (which ak_key_new() requires). */
static AkKey *
new_asked_key (CreateData *data)
{
  return g_object_new (AK_TYPE_KEY,
                       "kind", data->kind,
                       "id", "",
                       "name", data->name,
                       NULL);
}

/* A create the person sees the end of in its dialog, recorded all the same:
 * made (@key), or certainly not made (a key of the kind and name asked for,
 * with no ID). */
static void
record_create (AkAccountSession *self,
               CreateData       *data,
               AkKeyOutcome      outcome,
               AkKey            *key,
               const GError     *error)
{
  g_autoptr(AkKeyResult) result = NULL;
  g_autoptr(AkKey) asked = NULL;

  if (key == NULL)
    key = asked = new_asked_key (data);

  result = ak_key_result_new (AK_KEY_OPERATION_CREATE, outcome, key, error);
  ak_key_result_set_replaces (result, data->replaces);
  _ak_account_session_record (self, result);
}

static void
finish_create_lost (GTask        *task,
                    AkKeyOutcome  outcome,
                    AkKey        *found)
{
  AkAccountSession *self = g_task_get_source_object (task);
  CreateData *data = g_task_get_task_data (task);

  if (found != NULL)
    {
      g_autoptr(AkKeyResult) result =
        ak_key_result_new (AK_KEY_OPERATION_CREATE, outcome, found, data->error);
      g_autofree char *message = ak_key_result_dup_message (result);

      ak_key_result_set_replaces (result, data->replaces);
      ak_key_result_set_settled (result, TRUE);
      ak_account_session_add_key (self, found);
      _ak_account_session_emit_result (self, result);
      _ak_account_session_end_operation (self);
      g_task_return_new_error (task, AK_ERROR, data->error->code, "%s", message);
    }
  else if (outcome == AK_KEY_OUTCOME_UNKNOWN)
    {
      /* No key to name: the result is about the kind asked for. */
      g_autoptr(AkKey) asked = new_asked_key (data);
      g_autoptr(AkKeyResult) result =
        ak_key_result_new (AK_KEY_OPERATION_CREATE, outcome, asked, data->error);
      g_autofree char *message = ak_key_result_dup_message (result);

      ak_key_result_set_replaces (result, data->replaces);
      _ak_account_session_emit_result (self, result);
      _ak_account_session_end_operation (self);
      g_task_return_new_error (task, AK_ERROR, data->error->code, "%s", message);
    }
  else
    {
      /* The server has no new key: it was certainly not created. */
      record_create (self, data, AK_KEY_OUTCOME_FAILED, NULL, data->error);
      _ak_account_session_end_operation (self);
      g_task_return_error (task, g_steal_pointer (&data->error));
    }
}

static void
settle_create_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CreateData *data = g_task_get_task_data (task);
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GError) error = NULL;

  /* An unreadable entry cannot be the new key: it has no ID to tell. */
  keys = ak_provider_list_keys_finish (AK_PROVIDER (object), result, NULL, &error);
  if (keys == NULL)
    {
      finish_create_lost (task, AK_KEY_OUTCOME_UNKNOWN, NULL);
      return;
    }

  for (guint i = 0; i < keys->len; i++)
    {
      AkKey *key = g_ptr_array_index (keys, i);
      g_autofree char *identity = ak_key_identity (ak_key_get_kind (key), ak_key_get_id (key));

      if (ak_key_get_kind (key) == data->kind &&
          !g_hash_table_contains (data->before, identity) &&
          (data->name == NULL || g_strcmp0 (ak_key_get_name (key), data->name) == 0))
        {
          finish_create_lost (task, AK_KEY_OUTCOME_SECRET_LOST, key);
          return;
        }
    }

  finish_create_lost (task, AK_KEY_OUTCOME_FAILED, NULL);
}

static void
create_key_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AkAccountSession *self = g_task_get_source_object (task);
  CreateData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  data->key = ak_provider_create_key_finish (AK_PROVIDER (object), result, &data->secret,
                                             &error);
  if (data->key != NULL)
    {
      ak_account_session_add_key (self, data->key);
      record_create (self, data, AK_KEY_OUTCOME_DONE, data->key, NULL);
      _ak_account_session_end_operation (self);
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (answer_was_lost (error))
    {
      /* The key may exist now, with a secret nobody will see: list again. */
      data->error = g_steal_pointer (&error);
      ak_provider_list_keys_async (AK_PROVIDER (object), _ak_account_session_list_scope (self),
                                   NULL, settle_create_cb, g_steal_pointer (&task));
      return;
    }

  if (g_error_matches (error, AK_ERROR, AK_ERROR_AUTH))
    _ak_account_session_show_refused (self);
  record_create (self, data,
                 g_error_matches (error, AK_ERROR, AK_ERROR_PERMISSION)
                   ? AK_KEY_OUTCOME_NOT_ALLOWED
                   : AK_KEY_OUTCOME_FAILED,
                 NULL, error);
  _ak_account_session_end_operation (self);
  g_task_return_error (task, g_steal_pointer (&error));
}

/* Both kinds of create: @like (nullable) is the key the new one copies. */
static void
start_create (AkAccountSession    *self,
              AkKeyKind            kind,
              AkKey               *like,
              const char          *name,
              const char          *description,
              GDateTime           *expires_at,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CreateData *data;
  guint n;

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, ak_account_session_create_key_async);

  if (self->provider == NULL || !self->signed_in)
    {
      g_task_return_new_error (task, AK_ERROR, AK_ERROR_AUTH, "%s",
                               ak_error_code_to_message (AK_ERROR_AUTH));
      return;
    }

  data = g_new0 (CreateData, 1);
  data->kind = kind;
  data->name = g_strdup (name);
  /* A key without an ID is only a template (another user's new key). */
  if (like != NULL && !_ak_str_is_blank (ak_key_get_id (like)))
    data->replaces = g_strdup (!_ak_str_is_blank (ak_key_get_name (like))
                                 ? ak_key_get_name (like)
                                 : ak_key_get_id (like));
  data->before = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->keys));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AkKey) key = g_list_model_get_item (G_LIST_MODEL (self->keys), i);

      g_hash_table_add (data->before, ak_key_identity (ak_key_get_kind (key),
                                                       ak_key_get_id (key)));
    }
  g_task_set_task_data (task, data, (GDestroyNotify) create_data_free);

  _ak_account_session_begin_operation (self);
  if (like != NULL)
    ak_provider_create_key_like_async (self->provider, like, name, description, expires_at,
                                       NULL, create_key_cb, g_steal_pointer (&task));
  else
    ak_provider_create_key_async (self->provider, kind, name, description, expires_at, NULL,
                                  create_key_cb, g_steal_pointer (&task));
}

/**
 * ak_account_session_create_key_async:
 * @self: an #AkAccountSession
 * @kind: which kind of key
 * @name: (nullable): its name, where the kind has one
 * @description: (nullable): its description
 * @expires_at: (nullable): when it stops working
 * @callback: called with the key and its secret
 * @user_data: closure data for @callback
 *
 * Creates a key and adds it to the list. When the server's answer is lost,
 * the keys are listed again: a key that appeared is added and reported
 * (%AK_KEY_OUTCOME_SECRET_LOST through #AkAccountSession::key-result), and
 * the create finishes with an error that says its secret can no longer be
 * shown.
 */
void
ak_account_session_create_key_async (AkAccountSession    *self,
                                     AkKeyKind            kind,
                                     const char          *name,
                                     const char          *description,
                                     GDateTime           *expires_at,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (AK_IS_ACCOUNT_SESSION (self));

  start_create (self, kind, NULL, name, description, expires_at, callback, user_data);
}

/**
 * ak_account_session_create_key_like_async:
 * @self: an #AkAccountSession
 * @like: the key the new one replaces
 * @name: (nullable): its name, where the kind has one
 * @description: (nullable): its description
 * @expires_at: (nullable): when it stops working
 * @callback: called with the key and its secret
 * @user_data: closure data for @callback
 *
 * Like ak_account_session_create_key_async(), but the new key is of
 * @like's kind, for @like's owner in @like's project (see
 * ak_provider_create_key_like_async()). Finish with
 * ak_account_session_create_key_finish(). History says the new key
 * replaces @like, unless @like has no ID: then it is only a template, such
 * as an administrator's new EC2 key for another user.
 */
void
ak_account_session_create_key_like_async (AkAccountSession    *self,
                                          AkKey               *like,
                                          const char          *name,
                                          const char          *description,
                                          GDateTime           *expires_at,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_return_if_fail (AK_IS_ACCOUNT_SESSION (self));
  g_return_if_fail (AK_IS_KEY (like));

  start_create (self, ak_key_get_kind (like), like, name, description, expires_at,
                callback, user_data);
}

/**
 * ak_account_session_create_key_finish:
 * @self: an #AkAccountSession
 * @result: the #GAsyncResult given to the callback
 * @secret: (out) (optional) (transfer full): the new key's secret, shown once
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the new key
 */
AkKey *
ak_account_session_create_key_finish (AkAccountSession  *self,
                                      GAsyncResult      *result,
                                      AkSecret         **secret,
                                      GError           **error)
{
  CreateData *data;

  g_return_val_if_fail (AK_IS_ACCOUNT_SESSION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;

  data = g_task_get_task_data (G_TASK (result));
  if (secret != NULL)
    *secret = g_steal_pointer (&data->secret);

  return g_object_ref (data->key);
}
