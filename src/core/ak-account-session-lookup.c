/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-account-session"

#include "config.h"

#include "ak-account-session-private.h"
#include "ak-error.h"

/* The details of a key: its owner and project through the server's own
 * lookups, asked when the details are shown and kept for the session, so
 * going back and forth between keys asks the server once per user and per
 * project. A refusal (a member may not read another user) or a user or
 * project that is gone is kept too: asking again would get the same answer.
 * A failure that may pass (the network, a timeout) is not kept, and neither
 * is a cancelled lookup. */

typedef struct
{
  AkDirectoryEntry *entry;
  GError           *error;
} LookupAnswer;

static void
lookup_answer_free (LookupAnswer *answer)
{
  g_clear_pointer (&answer->entry, ak_directory_entry_unref);
  g_clear_error (&answer->error);
  g_free (answer);
}

GHashTable *
_ak_account_session_new_lookups (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                (GDestroyNotify) lookup_answer_free);
}

static char *
lookup_cache_key (AkDirectoryKind  kind,
                  const char      *id)
{
  return g_strconcat (kind == AK_DIRECTORY_KIND_USER ? "user:" : "project:", id, NULL);
}

/* Whether the server would answer the same to the same question. */
static gboolean
is_lasting (const GError *error)
{
  return g_error_matches (error, AK_ERROR, AK_ERROR_PERMISSION) ||
         g_error_matches (error, AK_ERROR, AK_ERROR_NOT_FOUND);
}

typedef struct
{
  AkAccountSession *session;
  AkKeyDetails     *details;
  guint             n_pending;
  gboolean          cancelled;
} LookupData;

static void
lookup_data_free (LookupData *data)
{
  g_clear_object (&data->session);
  g_clear_object (&data->details);
  g_free (data);
}

typedef struct
{
  GTask           *task;
  AkDirectoryKind  kind;
  char            *id;
} LookupOne;

static void
store_answer (AkKeyDetails     *details,
              AkDirectoryKind   kind,
              AkDirectoryEntry *entry,
              const GError     *error)
{
  if (kind == AK_DIRECTORY_KIND_USER)
    ak_key_details_set_owner (details, entry, error);
  else
    ak_key_details_set_project (details, entry, error);
}

static void
lookup_finish_one (GTask *task)
{
  LookupData *data = g_task_get_task_data (task);

  g_assert (data->n_pending > 0);

  if (--data->n_pending > 0)
    return;

  if (data->cancelled)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             "The lookup was cancelled");
  else
    g_task_return_pointer (task, g_object_ref (data->details), g_object_unref);
}

static void
lookup_one_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  LookupOne *one = user_data;
  g_autoptr(GTask) task = one->task;
  g_autofree char *id = one->id;
  AkDirectoryKind kind = one->kind;
  LookupData *data = g_task_get_task_data (task);
  g_autoptr(AkDirectoryEntry) entry = NULL;
  g_autoptr(GError) error = NULL;

  g_free (one);

  entry = ak_provider_lookup_finish (AK_PROVIDER (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      data->cancelled = TRUE;
      lookup_finish_one (task);
      return;
    }

  if (entry != NULL || is_lasting (error))
    {
      LookupAnswer *answer = g_new0 (LookupAnswer, 1);

      answer->entry = entry != NULL ? ak_directory_entry_ref (entry) : NULL;
      answer->error = error != NULL ? g_error_copy (error) : NULL;
      g_hash_table_replace (data->session->lookups, lookup_cache_key (kind, id), answer);
    }

  store_answer (data->details, kind, entry, error);
  lookup_finish_one (task);
}

static void
lookup_start_one (GTask           *task,
                  AkDirectoryKind  kind,
                  const char      *id)
{
  LookupData *data = g_task_get_task_data (task);
  g_autofree char *cache_key = NULL;
  LookupAnswer *answer;
  LookupOne *one;

  if (id == NULL)
    return;

  cache_key = lookup_cache_key (kind, id);
  answer = g_hash_table_lookup (data->session->lookups, cache_key);
  if (answer != NULL)
    {
      store_answer (data->details, kind, answer->entry, answer->error);
      return;
    }

  one = g_new0 (LookupOne, 1);
  one->task = g_object_ref (task);
  one->kind = kind;
  one->id = g_strdup (id);
  data->n_pending++;
  ak_provider_lookup_async (data->session->provider, kind, id, g_task_get_cancellable (task),
                            lookup_one_cb, one);
}

/**
 * ak_account_session_lookup_key_async:
 * @self: an #AkAccountSession
 * @key: the key whose details are shown
 * @cancellable: (nullable): cancelled when the details move to another key
 * @callback: called with the details
 * @user_data: closure data for @callback
 *
 * Looks up @key's owner and project with the server's own lookups, or
 * from what this session has asked before. One that could not be read is
 * not a failure of the whole: the details say why for that one.
 */
void
ak_account_session_lookup_key_async (AkAccountSession    *self,
                                     AkKey               *key,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LookupData *data;

  g_return_if_fail (AK_IS_ACCOUNT_SESSION (self));
  g_return_if_fail (AK_IS_KEY (key));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ak_account_session_lookup_key_async);

  data = g_new0 (LookupData, 1);
  data->session = g_object_ref (self);
  data->details = ak_key_details_new (key);
  g_task_set_task_data (task, data, (GDestroyNotify) lookup_data_free);

  if (self->provider == NULL)
    {
      g_task_return_new_error (task, AK_ERROR, AK_ERROR_FAILED, "Not signed in");
      return;
    }

  /* Held until both are in, so one answer never finishes the task early. */
  data->n_pending = 1;
  lookup_start_one (task, AK_DIRECTORY_KIND_USER, ak_key_get_user_id (key));
  lookup_start_one (task, AK_DIRECTORY_KIND_PROJECT, ak_key_get_project_id (key));
  lookup_finish_one (task);
}

/**
 * ak_account_session_lookup_key_finish:
 * @self: an #AkAccountSession
 * @result: the #GAsyncResult given to the callback
 * @error: set to %G_IO_ERROR_CANCELLED when cancelled
 *
 * Returns: (transfer full): the details, or %NULL
 */
AkKeyDetails *
ak_account_session_lookup_key_finish (AkAccountSession  *self,
                                      GAsyncResult      *result,
                                      GError           **error)
{
  g_return_val_if_fail (AK_IS_ACCOUNT_SESSION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
