/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-keystone-provider"

#include "config.h"

#include "ak-error.h"
#include "ak-keystone-provider-private.h"

/* The owner or the project of a key, through Keystone's own lookups:
 * GET /v3/users/{id} and GET /v3/projects/{id}. Keystone's default policy
 * lets a member read its own user and the projects it has a role on, and
 * answers 403 for anything else; that refusal reaches the caller as
 * AK_ERROR_PERMISSION, for the details to say what could not be read. */

typedef struct
{
  AkDirectoryKind  kind;
  char            *id;
} LookupData;

static void
lookup_data_free (LookupData *data)
{
  g_free (data->id);
  g_free (data);
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  AkKeystoneProvider *self = AK_KEYSTONE_PROVIDER (object);
  g_autoptr(GTask) task = user_data;
  LookupData *data = g_task_get_task_data (task);
  g_autoptr(AkKeystoneResponse) response = NULL;
  AkDirectoryEntry *entry;
  GError *error = NULL;

  response = _ak_keystone_response_for_task (self, result, task);
  if (response == NULL)
    return;

  if (!_ak_keystone_status_is_success (response->status))
    {
      g_task_return_error (task, _ak_keystone_response_error (response));
      return;
    }

  entry = ak_keystone_json_parse_directory_entry (response->body, data->kind, &error);
  if (entry == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, entry, (GDestroyNotify) ak_directory_entry_unref);
}

static void
lookup_token_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  AkKeystoneProvider *self = AK_KEYSTONE_PROVIDER (object);
  g_autoptr(GTask) task = user_data;
  LookupData *data = g_task_get_task_data (task);
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  GCancellable *cancellable;

  if (!_ak_keystone_token_ready (self, result, task))
    return;

  escaped = g_uri_escape_string (data->id, NULL, FALSE);
  path = g_strconcat (data->kind == AK_DIRECTORY_KIND_USER ? "/users/" : "/projects/",
                      escaped, NULL);
  cancellable = g_task_get_cancellable (task);
  _ak_keystone_call_async (self, "GET", path, NULL, AK_KEYSTONE_CALL_AUTHENTICATED,
                           cancellable, lookup_cb, g_steal_pointer (&task));
}

static void
ak_keystone_provider_lookup_async (AkProvider          *provider,
                                   AkDirectoryKind      kind,
                                   const char          *id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  AkKeystoneProvider *self = AK_KEYSTONE_PROVIDER (provider);
  g_autoptr(GTask) task = NULL;
  LookupData *data;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ak_keystone_provider_lookup_async);
  data = g_new0 (LookupData, 1);
  data->kind = kind;
  data->id = g_strdup (id);
  g_task_set_task_data (task, data, (GDestroyNotify) lookup_data_free);

  _ak_keystone_ensure_token_async (self, cancellable, lookup_token_cb, g_steal_pointer (&task));
}

static AkDirectoryEntry *
ak_keystone_provider_lookup_finish (AkProvider    *provider,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
_ak_keystone_provider_lookup_iface_init (AkProviderInterface *iface)
{
  iface->lookup_async = ak_keystone_provider_lookup_async;
  iface->lookup_finish = ak_keystone_provider_lookup_finish;
}
