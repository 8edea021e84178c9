/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-test-provider"

#include "config.h"

#include <gio/gio.h>

#include "ak-test-provider.h"

/* An in-process AkProvider for the unit and UI tests. It keeps a list of
 * keys as the "server" has them, and the secret of each EC2 key. Every call takes the next scripted result of its kind
 * (a GError, or success when none is scripted) and stays pending until the
 * test completes it, or completes on its own from an idle when the kind is
 * set to auto-complete, which is the default. Cancelling a call completes it
 * at once with G_IO_ERROR_CANCELLED, as a real network call would. */

typedef struct
{
  GTask              *task;
  AkTestCall          call;
  GError             *error;
  gulong              cancelled_id;
  /* What a create asked for. */
  AkKeyKind           kind;
  char               *name;
  char               *description;
  GDateTime          *expires_at;
  /* The key a delete, get, fetch or restore is about; the one a create
   * copies. */
  AkKey              *key;
  /* What a restore sends. */
  AkSecret           *secret;
  /* The server does what was asked, but the answer is lost (@error). */
  gboolean            effect;
} PendingCall;

struct _AkTestProvider
{
  GObject             parent_instance;

  AkProviderFeatures  features;
  AkKeyScope          last_scope;
  guint               next_id;

  /* The keys as the server has them, and the EC2 keys' secrets by ID. */
  GPtrArray          *keys;
  GHashTable         *secrets;
  /* The entries every list says it could not read (AkUnreadableEntry). */
  GPtrArray          *unreadable;
  /* The ID of every key a delete was asked for, in order. */
  GPtrArray          *deleted_ids;

  /* Per call kind: scripted results (GError or NULL), pending calls, counts. */
  GQueue              results[AK_TEST_N_CALLS];
  GQueue              pending[AK_TEST_N_CALLS];
  guint               n_calls[AK_TEST_N_CALLS];
  gboolean            manual[AK_TEST_N_CALLS];
};

static void provider_iface_init (AkProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AkTestProvider, ak_test_provider, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (AK_TYPE_PROVIDER, provider_iface_init))

enum {
  PROP_0,
  PROP_FEATURES,
  N_PROPS
};

/* A scripted result: NULL error means success. */
typedef struct
{
  GError   *error;
  gboolean  effect;
} Result;

static void
wipe_secret (gpointer data)
{
  ak_secret_wipe (data);
}

static void
pending_call_free (PendingCall *pending)
{
  if (pending->cancelled_id != 0)
    g_cancellable_disconnect (g_task_get_cancellable (pending->task), pending->cancelled_id);
  g_clear_object (&pending->task);
  g_clear_error (&pending->error);
  g_clear_pointer (&pending->name, g_free);
  g_clear_pointer (&pending->description, g_free);
  g_clear_pointer (&pending->expires_at, g_date_time_unref);
  g_clear_object (&pending->key);
  g_clear_pointer (&pending->secret, ak_secret_unref);
  g_free (pending);
}

static AkKey *
copy_key (AkKey *key)
{
  AkKey *copy = ak_key_new (ak_key_get_kind (key), ak_key_get_id (key));

  ak_key_set_user_id (copy, ak_key_get_user_id (key));
  ak_key_set_user_name (copy, ak_key_get_user_name (key));
  ak_key_set_project_id (copy, ak_key_get_project_id (key));
  ak_key_set_project_name (copy, ak_key_get_project_name (key));
  ak_key_set_name (copy, ak_key_get_name (key));
  ak_key_set_description (copy, ak_key_get_description (key));
  ak_key_set_expires_at (copy, ak_key_get_expires_at (key));

  return copy;
}

static gboolean
find_key (AkTestProvider *self,
          AkKeyKind       kind,
          const char     *id,
          guint          *position)
{
  for (guint i = 0; i < self->keys->len; i++)
    {
      AkKey *key = g_ptr_array_index (self->keys, i);

      if (ak_key_get_kind (key) == kind && g_strcmp0 (ak_key_get_id (key), id) == 0)
        {
          if (position != NULL)
            *position = i;
          return TRUE;
        }
    }

  return FALSE;
}

static GError *
not_found (void)
{
  return ak_error_new (AK_ERROR_NOT_FOUND, 404, "The test provider has no such key.");
}

static AkKey *
create_key (AkTestProvider *self,
            PendingCall    *pending)
{
  g_autofree char *id = g_strdup_printf ("AKTEST%04u", ++self->next_id);
  AkKey *key = ak_key_new (pending->kind, id);

  /* Like the key it replaces, or the signed-in tester's own. */
  ak_key_set_user_id (key, pending->key != NULL ? ak_key_get_user_id (pending->key)
                                                : "test-user-id");
  ak_key_set_user_name (key, pending->key != NULL ? ak_key_get_user_name (pending->key)
                                                  : "tester");
  ak_key_set_project_id (key, pending->key != NULL ? ak_key_get_project_id (pending->key)
                                                   : NULL);
  ak_key_set_project_name (key, pending->key != NULL ? ak_key_get_project_name (pending->key)
                                                     : "test-project");
  ak_key_set_name (key, pending->name);
  ak_key_set_description (key, pending->description);
  ak_key_set_expires_at (key, pending->expires_at);
  g_ptr_array_add (self->keys, copy_key (key));
  if (pending->kind == AK_KEY_KIND_EC2)
    g_hash_table_insert (self->secrets, g_strdup (id), g_strdup (AK_TEST_PROVIDER_SECRET));

  return key;
}

static gboolean
delete_key (AkTestProvider *self,
            AkKey          *key)
{
  guint position;

  if (!find_key (self, ak_key_get_kind (key), ak_key_get_id (key), &position))
    return FALSE;

  g_ptr_array_remove_index (self->keys, position);
  /* The server forgets the secret with the key; a restore sends it back. */
  g_hash_table_remove (self->secrets, ak_key_get_id (key));

  return TRUE;
}

static AkKey *
restore_key (AkTestProvider *self,
             PendingCall    *pending)
{
  AkKey *key = copy_key (pending->key);

  g_ptr_array_add (self->keys, copy_key (key));
  g_hash_table_insert (self->secrets, g_strdup (ak_key_get_id (key)),
                       g_strdup (ak_secret_get (pending->secret)));

  return key;
}

/* What a call whose answer is lost did on the server all the same. */
static void
apply_effect (AkTestProvider *self,
              PendingCall    *pending)
{
  switch (pending->call)
    {
    case AK_TEST_CALL_CREATE:
      g_clear_object (&pending->key);
      pending->key = create_key (self, pending);
      break;

    case AK_TEST_CALL_DELETE:
      delete_key (self, pending->key);
      break;

    case AK_TEST_CALL_RESTORE:
      if (!find_key (self, ak_key_get_kind (pending->key), ak_key_get_id (pending->key), NULL))
        g_object_unref (restore_key (self, pending));
      break;

    case AK_TEST_CALL_SIGN_IN:
    case AK_TEST_CALL_LIST:
    case AK_TEST_CALL_GET:
    case AK_TEST_CALL_FETCH_SECRET:
      break;

    case AK_TEST_N_CALLS:
    default:
      g_assert_not_reached ();
    }
}

/* Answers one call the way the server would. */
static void
complete_call (AkTestProvider *self,
               PendingCall    *pending)
{
  GTask *task = pending->task;

  if (pending->error != NULL && !pending->effect)
    {
      g_task_return_error (task, g_steal_pointer (&pending->error));
      return;
    }

  /* The server does the work; only its answer is lost on the way. */
  if (pending->error != NULL)
    {
      apply_effect (self, pending);
      g_task_return_error (task, g_steal_pointer (&pending->error));
      return;
    }

  switch (pending->call)
    {
    case AK_TEST_CALL_SIGN_IN:
      g_task_return_boolean (task, TRUE);
      break;

    case AK_TEST_CALL_LIST:
      {
        GPtrArray *keys = g_ptr_array_new_with_free_func (g_object_unref);
        GPtrArray *unreadable = g_ptr_array_new_with_free_func (g_object_unref);

        /* Fresh objects every time, as a real list would give. */
        for (guint i = 0; i < self->keys->len; i++)
          g_ptr_array_add (keys, copy_key (g_ptr_array_index (self->keys, i)));

        for (guint i = 0; i < self->unreadable->len; i++)
          {
            AkUnreadableEntry *entry = g_ptr_array_index (self->unreadable, i);
            AkUnreadableEntry *copy =
              ak_unreadable_entry_new (ak_unreadable_entry_get_kind (entry),
                                       ak_unreadable_entry_get_position (entry),
                                       ak_unreadable_entry_get_reason (entry));

            g_ptr_array_add (unreadable, copy);
          }

        ak_provider_task_return_list (task, keys, unreadable);
      }
      break;

    case AK_TEST_CALL_CREATE:
      g_task_return_pointer (task, create_key (self, pending), g_object_unref);
      break;

    case AK_TEST_CALL_DELETE:
      if (delete_key (self, pending->key))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, not_found ());
      break;

    case AK_TEST_CALL_GET:
      {
        guint position;

        if (find_key (self, ak_key_get_kind (pending->key), ak_key_get_id (pending->key),
                      &position))
          g_task_return_pointer (task, copy_key (g_ptr_array_index (self->keys, position)),
                                 g_object_unref);
        else
          g_task_return_error (task, not_found ());
      }
      break;

    case AK_TEST_CALL_FETCH_SECRET:
      {
        const char *secret = g_hash_table_lookup (self->secrets, ak_key_get_id (pending->key));

        if (find_key (self, ak_key_get_kind (pending->key), ak_key_get_id (pending->key), NULL) &&
            secret != NULL)
          g_task_return_pointer (task, ak_secret_new (secret), (GDestroyNotify) ak_secret_unref);
        else
          g_task_return_error (task, not_found ());
      }
      break;

    case AK_TEST_CALL_RESTORE:
      {
        AkKey *key = pending->key;

        if (find_key (self, ak_key_get_kind (key), ak_key_get_id (key), NULL))
          g_task_return_error (task, ak_error_new (AK_ERROR_CONFLICT, 409,
                                                   "The test provider has that key already."));
        else
          g_task_return_pointer (task, restore_key (self, pending), g_object_unref);
      }
      break;

    case AK_TEST_N_CALLS:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
auto_complete_cb (gpointer user_data)
{
  g_autoptr(AkTestProvider) self = user_data;

  for (guint call = 0; call < AK_TEST_N_CALLS; call++)
    {
      while (!self->manual[call] && !g_queue_is_empty (&self->pending[call]))
        {
          PendingCall *pending = g_queue_pop_head (&self->pending[call]);

          complete_call (self, pending);
          pending_call_free (pending);
        }
    }

  return G_SOURCE_REMOVE;
}

typedef struct
{
  AkTestProvider *self;
  GTask          *task;
} CancelData;

static gboolean
cancel_idle_cb (gpointer user_data)
{
  CancelData *data = user_data;

  for (guint call = 0; call < AK_TEST_N_CALLS; call++)
    {
      for (GList *l = data->self->pending[call].head; l != NULL; l = l->next)
        {
          PendingCall *pending = l->data;

          if (pending->task != data->task)
            continue;

          g_queue_delete_link (&data->self->pending[call], l);
          g_task_return_new_error (pending->task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                   "Operation was cancelled");
          pending_call_free (pending);
          goto out;
        }
    }

out:
  g_object_unref (data->self);
  g_object_unref (data->task);
  g_free (data);

  return G_SOURCE_REMOVE;
}

static void
cancelled_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  CancelData *data = user_data;
  CancelData *copy = g_new0 (CancelData, 1);

  /* Never complete from inside g_cancellable_cancel(): the caller may be in
   * the middle of something. Go through the main loop, as a real call does. */
  copy->self = g_object_ref (data->self);
  copy->task = g_object_ref (data->task);
  g_idle_add (cancel_idle_cb, copy);
}

static void
cancel_data_free (gpointer user_data)
{
  g_free (user_data);
}

static PendingCall *
start_call (AkTestProvider      *self,
            AkTestCall           call,
            gpointer             source_tag,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  PendingCall *pending = g_new0 (PendingCall, 1);

  pending->call = call;
  pending->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (pending->task, source_tag);

  self->n_calls[call]++;
  if (!g_queue_is_empty (&self->results[call]))
    {
      Result *result = g_queue_pop_head (&self->results[call]);

      pending->error = g_steal_pointer (&result->error);
      pending->effect = result->effect;
      g_free (result);
    }

  if (cancellable != NULL)
    {
      CancelData *data = g_new0 (CancelData, 1);

      /* The task holds the cancellable; the data needs no references of its
       * own because it is disconnected before the task goes. */
      data->self = self;
      data->task = pending->task;
      pending->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (cancelled_cb),
                                                     data, cancel_data_free);
    }

  g_queue_push_tail (&self->pending[call], pending);
  if (!self->manual[call])
    g_idle_add (auto_complete_cb, g_object_ref (self));

  return pending;
}

static AkProviderFeatures
ak_test_provider_get_features (AkProvider *provider)
{
  return AK_TEST_PROVIDER (provider)->features;
}

static void
ak_test_provider_sign_in_async (AkProvider          *provider,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  start_call (AK_TEST_PROVIDER (provider), AK_TEST_CALL_SIGN_IN,
              ak_test_provider_sign_in_async, cancellable, callback, user_data);
}

static gboolean
ak_test_provider_sign_in_finish (AkProvider    *provider,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
ak_test_provider_list_keys_async (AkProvider          *provider,
                                  AkKeyScope           scope,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  AkTestProvider *self = AK_TEST_PROVIDER (provider);

  self->last_scope = scope;
  start_call (self, AK_TEST_CALL_LIST,
              ak_test_provider_list_keys_async, cancellable, callback, user_data);
}

static GPtrArray *
ak_test_provider_list_keys_finish (AkProvider    *provider,
                                   GAsyncResult  *result,
                                   GPtrArray    **unreadable,
                                   GError       **error)
{
  return ak_provider_task_propagate_list (G_TASK (result), unreadable, error);
}

static void
ak_test_provider_create_key_async (AkProvider          *provider,
                                   AkKeyKind            kind,
                                   AkKey               *like,
                                   const char          *name,
                                   const char          *description,
                                   GDateTime           *expires_at,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  PendingCall *pending;

  pending = start_call (AK_TEST_PROVIDER (provider), AK_TEST_CALL_CREATE,
                        ak_test_provider_create_key_async, cancellable, callback, user_data);
  pending->kind = kind;
  pending->key = like != NULL ? g_object_ref (like) : NULL;
  pending->name = g_strdup (name);
  pending->description = g_strdup (description);
  pending->expires_at = expires_at != NULL ? g_date_time_ref (expires_at) : NULL;
}

static AkKey *
ak_test_provider_create_key_finish (AkProvider    *provider,
                                    GAsyncResult  *result,
                                    AkSecret     **secret,
                                    GError       **error)
{
  g_autoptr(AkKey) key = g_task_propagate_pointer (G_TASK (result), error);

  if (key != NULL && secret != NULL)
    *secret = ak_secret_new (AK_TEST_PROVIDER_SECRET);

  return g_steal_pointer (&key);
}

static void
ak_test_provider_delete_key_async (AkProvider          *provider,
                                   AkKey               *key,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  AkTestProvider *self = AK_TEST_PROVIDER (provider);
  PendingCall *pending;

  g_ptr_array_add (self->deleted_ids, g_strdup (ak_key_get_id (key)));
  pending = start_call (self, AK_TEST_CALL_DELETE,
                        ak_test_provider_delete_key_async, cancellable, callback, user_data);
  pending->key = g_object_ref (key);
}

static gboolean
ak_test_provider_delete_key_finish (AkProvider    *provider,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
ak_test_provider_get_key_async (AkProvider          *provider,
                                AkKey               *key,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  PendingCall *pending;

  pending = start_call (AK_TEST_PROVIDER (provider), AK_TEST_CALL_GET,
                        ak_test_provider_get_key_async, cancellable, callback, user_data);
  pending->key = g_object_ref (key);
}

static AkKey *
ak_test_provider_get_key_finish (AkProvider    *provider,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
ak_test_provider_fetch_secret_async (AkProvider          *provider,
                                     AkKey               *key,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  PendingCall *pending;

  pending = start_call (AK_TEST_PROVIDER (provider), AK_TEST_CALL_FETCH_SECRET,
                        ak_test_provider_fetch_secret_async, cancellable, callback, user_data);
  pending->key = g_object_ref (key);
}

static AkSecret *
ak_test_provider_fetch_secret_finish (AkProvider    *provider,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
ak_test_provider_restore_key_async (AkProvider          *provider,
                                    AkKey               *key,
                                    AkSecret            *secret,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  PendingCall *pending;

  pending = start_call (AK_TEST_PROVIDER (provider), AK_TEST_CALL_RESTORE,
                        ak_test_provider_restore_key_async, cancellable, callback, user_data);
  pending->key = g_object_ref (key);
  pending->secret = ak_secret_ref (secret);
}

static AkKey *
ak_test_provider_restore_key_finish (AkProvider    *provider,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
provider_iface_init (AkProviderInterface *iface)
{
  iface->get_features = ak_test_provider_get_features;
  iface->sign_in_async = ak_test_provider_sign_in_async;
  iface->sign_in_finish = ak_test_provider_sign_in_finish;
  iface->list_keys_async = ak_test_provider_list_keys_async;
  iface->list_keys_finish = ak_test_provider_list_keys_finish;
  iface->create_key_async = ak_test_provider_create_key_async;
  iface->create_key_finish = ak_test_provider_create_key_finish;
  iface->delete_key_async = ak_test_provider_delete_key_async;
  iface->delete_key_finish = ak_test_provider_delete_key_finish;
  iface->get_key_async = ak_test_provider_get_key_async;
  iface->get_key_finish = ak_test_provider_get_key_finish;
  iface->fetch_secret_async = ak_test_provider_fetch_secret_async;
  iface->fetch_secret_finish = ak_test_provider_fetch_secret_finish;
  iface->restore_key_async = ak_test_provider_restore_key_async;
  iface->restore_key_finish = ak_test_provider_restore_key_finish;
}

static void
result_free (gpointer data)
{
  Result *result = data;

  g_clear_error (&result->error);
  g_free (result);
}

static void
ak_test_provider_dispose (GObject *object)
{
  AkTestProvider *self = AK_TEST_PROVIDER (object);

  /* Whoever still waits hears that the call was cancelled. */
  for (guint call = 0; call < AK_TEST_N_CALLS; call++)
    {
      PendingCall *pending;

      while ((pending = g_queue_pop_head (&self->pending[call])) != NULL)
        {
          g_task_return_new_error (pending->task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                   "Operation was cancelled");
          pending_call_free (pending);
        }
      g_queue_clear_full (&self->results[call], result_free);
    }

  G_OBJECT_CLASS (ak_test_provider_parent_class)->dispose (object);
}

static void
ak_test_provider_finalize (GObject *object)
{
  AkTestProvider *self = AK_TEST_PROVIDER (object);

  g_clear_pointer (&self->keys, g_ptr_array_unref);
  g_clear_pointer (&self->unreadable, g_ptr_array_unref);
  g_clear_pointer (&self->secrets, g_hash_table_unref);
  g_clear_pointer (&self->deleted_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (ak_test_provider_parent_class)->finalize (object);
}

static void
ak_test_provider_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AkTestProvider *self = AK_TEST_PROVIDER (object);

  switch (prop_id)
    {
    case PROP_FEATURES:
      g_value_set_flags (value, self->features);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ak_test_provider_class_init (AkTestProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ak_test_provider_dispose;
  object_class->finalize = ak_test_provider_finalize;
  object_class->get_property = ak_test_provider_get_property;

  g_object_class_override_property (object_class, PROP_FEATURES, "features");
}

static void
ak_test_provider_init (AkTestProvider *self)
{
  self->keys = g_ptr_array_new_with_free_func (g_object_unref);
  self->unreadable = g_ptr_array_new_with_free_func (g_object_unref);
  self->secrets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, wipe_secret);
  self->deleted_ids = g_ptr_array_new_with_free_func (g_free);
  for (guint call = 0; call < AK_TEST_N_CALLS; call++)
    {
      g_queue_init (&self->results[call]);
      g_queue_init (&self->pending[call]);
    }
}

/**
 * ak_test_provider_new:
 * @features: what the provider can do besides creating EC2 keys
 *
 * Creating EC2 keys is the default, as for an account signed in with a
 * password: %AK_PROVIDER_FEATURE_CREATE_EC2 is added to @features. Use
 * ak_test_provider_set_features() for a provider without it.
 *
 * Returns: (transfer full): a new provider, already "signed in"
 */
AkTestProvider *
ak_test_provider_new (AkProviderFeatures features)
{
  AkTestProvider *self = g_object_new (AK_TYPE_TEST_PROVIDER, NULL);

  self->features = features | AK_PROVIDER_FEATURE_CREATE_EC2;

  return self;
}

/**
 * ak_test_provider_set_features:
 * @self: an #AkTestProvider
 * @features: exactly what the provider can do from now on
 *
 * Unlike ak_test_provider_new(), adds nothing to @features.
 */
void
ak_test_provider_set_features (AkTestProvider     *self,
                               AkProviderFeatures  features)
{
  g_return_if_fail (AK_IS_TEST_PROVIDER (self));

  if (self->features == features)
    return;

  self->features = features;
  g_object_notify (G_OBJECT (self), "features");
}

/**
 * ak_test_provider_add_key:
 * @self: an #AkTestProvider
 * @key: a key the "server" has from now on (copied)
 */
void
ak_test_provider_add_key (AkTestProvider *self,
                          AkKey          *key)
{
  g_return_if_fail (AK_IS_TEST_PROVIDER (self));
  g_return_if_fail (AK_IS_KEY (key));

  g_ptr_array_add (self->keys, copy_key (key));
  if (ak_key_get_kind (key) == AK_KEY_KIND_EC2)
    g_hash_table_insert (self->secrets, g_strdup (ak_key_get_id (key)),
                         ak_test_provider_dup_secret_for (ak_key_get_id (key)));
}

/**
 * ak_test_provider_add_new_key:
 *
 * Adds a key with the given fields; @owner and @project are names.
 *
 * Returns: (transfer none): the provider's own copy of the key
 */
AkKey *
ak_test_provider_add_new_key (AkTestProvider *self,
                              AkKeyKind       kind,
                              const char     *id,
                              const char     *owner,
                              const char     *project,
                              const char     *name)
{
  AkKey *key;

  g_return_val_if_fail (AK_IS_TEST_PROVIDER (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  key = ak_key_new (kind, id);
  if (owner != NULL)
    {
      g_autofree char *user_id = g_strdup_printf ("uid-%s", owner);

      ak_key_set_user_id (key, user_id);
      ak_key_set_user_name (key, owner);
    }
  ak_key_set_project_name (key, project);
  ak_key_set_name (key, name);
  g_ptr_array_add (self->keys, key);
  if (kind == AK_KEY_KIND_EC2)
    g_hash_table_insert (self->secrets, g_strdup (id), ak_test_provider_dup_secret_for (id));

  return key;
}

gboolean
ak_test_provider_has_key (AkTestProvider *self,
                          AkKeyKind       kind,
                          const char     *id)
{
  g_return_val_if_fail (AK_IS_TEST_PROVIDER (self), FALSE);

  return find_key (self, kind, id, NULL);
}

guint
ak_test_provider_get_n_keys (AkTestProvider *self)
{
  g_return_val_if_fail (AK_IS_TEST_PROVIDER (self), 0);

  return self->keys->len;
}

/**
 * ak_test_provider_add_unreadable:
 * @self: an #AkTestProvider
 * @kind: the kind of key the list was of
 * @position: where in the answer the entry was
 * @reason: why it could not be read
 *
 * Makes every list from now on say that it held an entry it could not read,
 * as a real provider does for an entry whose ID it refuses.
 */
void
ak_test_provider_add_unreadable (AkTestProvider *self,
                                 AkKeyKind       kind,
                                 guint           position,
                                 const char     *reason)
{
  g_return_if_fail (AK_IS_TEST_PROVIDER (self));

  g_ptr_array_add (self->unreadable, ak_unreadable_entry_new (kind, position, reason));
}

/* The lists from now on have no unreadable entry. */
void
ak_test_provider_clear_unreadable (AkTestProvider *self)
{
  g_return_if_fail (AK_IS_TEST_PROVIDER (self));

  g_ptr_array_set_size (self->unreadable, 0);
}

/**
 * ak_test_provider_push_result:
 * @self: an #AkTestProvider
 * @call: which kind of call
 * @error: (nullable) (transfer full): the error the next such call finishes
 *   with, or %NULL for success
 *
 * Scripts the result of the next call of kind @call that has not started
 * yet. Results queue up in order; once they run out, calls succeed (a delete
 * of a key the provider does not have finishes with %AK_ERROR_NOT_FOUND).
 */
void
ak_test_provider_push_result (AkTestProvider *self,
                              AkTestCall      call,
                              GError         *error)
{
  Result *result;

  g_return_if_fail (AK_IS_TEST_PROVIDER (self));
  g_return_if_fail (call < AK_TEST_N_CALLS);

  result = g_new0 (Result, 1);
  result->error = error;
  g_queue_push_tail (&self->results[call], result);
}

/**
 * ak_test_provider_push_lost_answer:
 * @self: an #AkTestProvider
 * @call: which kind of call
 * @code: the error the caller gets, such as %AK_ERROR_TIMEOUT
 *
 * Scripts the next call of kind @call to do its work on the "server" (a
 * delete deletes, a create creates) while its caller gets @code, as when
 * the answer is lost on the way back.
 */
void
ak_test_provider_push_lost_answer (AkTestProvider *self,
                                   AkTestCall      call,
                                   AkErrorCode     code)
{
  Result *result;

  g_return_if_fail (AK_IS_TEST_PROVIDER (self));
  g_return_if_fail (call < AK_TEST_N_CALLS);

  result = g_new0 (Result, 1);
  result->error = ak_error_new (code, 0, "Scripted by the test provider: the answer was lost.");
  result->effect = TRUE;
  g_queue_push_tail (&self->results[call], result);
}

/**
 * ak_test_provider_dup_secret_for:
 * @id: an EC2 key's ID
 *
 * Returns: (transfer full): the dummy secret the provider gives the key
 *   with @id when a test adds it
 */
char *
ak_test_provider_dup_secret_for (const char *id)
{
  return g_strdup_printf ("test-secret-of-%s", id);
}

/**
 * ak_test_provider_get_secret:
 * @self: an #AkTestProvider
 * @id: an EC2 key's ID
 *
 * Returns: (nullable): the secret the "server" has for the key with @id
 */
const char *
ak_test_provider_get_secret (AkTestProvider *self,
                             const char     *id)
{
  g_return_val_if_fail (AK_IS_TEST_PROVIDER (self), NULL);

  return g_hash_table_lookup (self->secrets, id);
}

void
ak_test_provider_push_error (AkTestProvider *self,
                             AkTestCall      call,
                             AkErrorCode     code)
{
  g_return_if_fail (AK_IS_TEST_PROVIDER (self));

  ak_test_provider_push_result (self, call,
                                ak_error_new (code, 0, "Scripted by the test provider."));
}

/**
 * ak_test_provider_set_auto_complete:
 * @self: an #AkTestProvider
 * @call: which kind of call
 * @auto_complete: %TRUE to answer calls of kind @call from an idle, %FALSE to
 *   keep them pending until ak_test_provider_complete_next()
 */
void
ak_test_provider_set_auto_complete (AkTestProvider *self,
                                    AkTestCall      call,
                                    gboolean        auto_complete)
{
  g_return_if_fail (AK_IS_TEST_PROVIDER (self));
  g_return_if_fail (call < AK_TEST_N_CALLS);

  self->manual[call] = !auto_complete;
  if (auto_complete && !g_queue_is_empty (&self->pending[call]))
    g_idle_add (auto_complete_cb, g_object_ref (self));
}

guint
ak_test_provider_get_n_calls (AkTestProvider *self,
                              AkTestCall      call)
{
  g_return_val_if_fail (AK_IS_TEST_PROVIDER (self), 0);
  g_return_val_if_fail (call < AK_TEST_N_CALLS, 0);

  return self->n_calls[call];
}

guint
ak_test_provider_get_n_pending (AkTestProvider *self,
                                AkTestCall      call)
{
  g_return_val_if_fail (AK_IS_TEST_PROVIDER (self), 0);
  g_return_val_if_fail (call < AK_TEST_N_CALLS, 0);

  return self->pending[call].length;
}

/**
 * ak_test_provider_complete_next:
 * @self: an #AkTestProvider
 * @call: which kind of call
 *
 * Answers the oldest pending call of kind @call with its scripted result. Its
 * callback runs from the main loop, as for a real call.
 *
 * Returns: %FALSE if no such call was pending
 */
gboolean
ak_test_provider_complete_next (AkTestProvider *self,
                                AkTestCall      call)
{
  PendingCall *pending;

  g_return_val_if_fail (AK_IS_TEST_PROVIDER (self), FALSE);
  g_return_val_if_fail (call < AK_TEST_N_CALLS, FALSE);

  pending = g_queue_pop_head (&self->pending[call]);
  if (pending == NULL)
    return FALSE;

  complete_call (self, pending);
  pending_call_free (pending);

  return TRUE;
}

/**
 * ak_test_provider_get_deleted_id:
 * @self: an #AkTestProvider
 * @nth: which delete request, from 0
 *
 * Returns: (nullable): the ID of the key the @nth delete asked for
 */
const char *
ak_test_provider_get_deleted_id (AkTestProvider *self,
                                 guint           nth)
{
  g_return_val_if_fail (AK_IS_TEST_PROVIDER (self), NULL);

  if (nth >= self->deleted_ids->len)
    return NULL;

  return g_ptr_array_index (self->deleted_ids, nth);
}

AkKeyScope
ak_test_provider_get_last_scope (AkTestProvider *self)
{
  g_return_val_if_fail (AK_IS_TEST_PROVIDER (self), AK_KEY_SCOPE_MINE);

  return self->last_scope;
}
