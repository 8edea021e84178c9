/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-account-store"

#include "config.h"

#include <errno.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libsecret/secret.h>

#include "ak-account-store.h"
#include "ak-error.h"

/* The saved accounts. Their fields are in a keyfile (one group per account
 * id); their passwords and application-credential secrets are in the keyring,
 * one item per account, found by the account id.
 *
 * A file that cannot be read is never overwritten behind the person's back:
 * loading leaves it as it is, and the next save or remove (both things the
 * person asked for) first renames it to "accounts.ini.corrupt-<UTC time>",
 * then writes a new file with the accounts that could be read. Nothing of the
 * old file is lost, and the app keeps working. */
struct _AkAccountStore
{
  GObject     parent_instance;

  /* Where the fields are saved. */
  char       *path;
  GFile      *file;

  /* The accounts in file order, and the keyfile they are saved in, kept so
   * that comments and keys of a newer version survive a save. */
  GPtrArray  *accounts;
  GKeyFile   *keyfile;

  /* Writes run one at a time; each task waits for the first write that
   * started after its change. */
  GPtrArray  *waiting_tasks;
  GPtrArray  *writing_tasks;
  GBytes     *writing_bytes;

  /* The file on disk could not be read: move it aside before writing. */
  guint       file_is_corrupt : 1;
  guint       writing : 1;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AkAccountStore, ak_account_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_PATH,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static const SecretSchema account_schema = {
  AK_ACCOUNT_STORE_SCHEMA_NAME, SECRET_SCHEMA_NONE,
  {
    { AK_ACCOUNT_STORE_ATTRIBUTE_ACCOUNT_ID, SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  }
};

#define KEY_LABEL                     "label"
#define KEY_AUTH_URL                  "auth-url"
#define KEY_AUTH_KIND                 "auth-kind"
#define KEY_USER_DOMAIN               "user-domain"
#define KEY_USERNAME                  "username"
#define KEY_PROJECT_DOMAIN            "project-domain"
#define KEY_PROJECT                   "project"
#define KEY_APPLICATION_CREDENTIAL_ID "application-credential-id"
#define KEY_ALLOW_UNENCRYPTED         "allow-unencrypted"

static GType
ak_account_store_get_item_type (GListModel *model)
{
  return AK_TYPE_ACCOUNT;
}

static guint
ak_account_store_get_n_items (GListModel *model)
{
  AkAccountStore *self = AK_ACCOUNT_STORE (model);

  return self->accounts->len;
}

static gpointer
ak_account_store_get_item (GListModel *model,
                           guint       position)
{
  AkAccountStore *self = AK_ACCOUNT_STORE (model);

  if (position >= self->accounts->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->accounts, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = ak_account_store_get_item_type;
  iface->get_n_items = ak_account_store_get_n_items;
  iface->get_item = ak_account_store_get_item;
}

static void
ak_account_store_constructed (GObject *object)
{
  AkAccountStore *self = (AkAccountStore *)object;

  G_OBJECT_CLASS (ak_account_store_parent_class)->constructed (object);

  if (self->path == NULL)
    self->path = g_build_filename (g_get_user_config_dir (), "access-keys", "accounts.ini", NULL);

  self->file = g_file_new_for_path (self->path);
}

static void
ak_account_store_finalize (GObject *object)
{
  AkAccountStore *self = (AkAccountStore *)object;

  /* Every pending task holds a reference to the store. */
  g_assert (self->waiting_tasks->len == 0);
  g_assert (self->writing_tasks == NULL);

  g_clear_pointer (&self->path, g_free);
  g_clear_object (&self->file);
  g_clear_pointer (&self->accounts, g_ptr_array_unref);
  g_clear_pointer (&self->keyfile, g_key_file_unref);
  g_clear_pointer (&self->waiting_tasks, g_ptr_array_unref);
  g_clear_pointer (&self->writing_bytes, g_bytes_unref);

  G_OBJECT_CLASS (ak_account_store_parent_class)->finalize (object);
}

static void
ak_account_store_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AkAccountStore *self = AK_ACCOUNT_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->accounts->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ak_account_store_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  AkAccountStore *self = AK_ACCOUNT_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ak_account_store_class_init (AkAccountStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ak_account_store_constructed;
  object_class->finalize = ak_account_store_finalize;
  object_class->get_property = ak_account_store_get_property;
  object_class->set_property = ak_account_store_set_property;

  /**
   * AkAccountStore:path:
   *
   * The keyfile the accounts are saved in. %NULL at construction means
   * `$XDG_CONFIG_HOME/access-keys/accounts.ini`.
   */
  properties [PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ak_account_store_init (AkAccountStore *self)
{
  self->accounts = g_ptr_array_new_with_free_func (g_object_unref);
  self->keyfile = g_key_file_new ();
  self->waiting_tasks = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * ak_account_store_new:
 * @path: (nullable): the keyfile to use, or %NULL for the one in the user's
 *   config dir
 *
 * Makes an empty store; ak_account_store_load_async() reads the saved accounts.
 *
 * Returns: (transfer full): a new #AkAccountStore
 */
AkAccountStore *
ak_account_store_new (const char *path)
{
  return g_object_new (AK_TYPE_ACCOUNT_STORE,
                       "path", path,
                       NULL);
}

const char *
ak_account_store_get_path (AkAccountStore *self)
{
  g_return_val_if_fail (AK_IS_ACCOUNT_STORE (self), NULL);

  return self->path;
}

static gboolean
find_position (AkAccountStore *self,
               const char     *id,
               guint          *position)
{
  for (guint i = 0; i < self->accounts->len; i++)
    {
      AkAccount *account = g_ptr_array_index (self->accounts, i);

      if (g_strcmp0 (ak_account_get_id (account), id) == 0)
        {
          *position = i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * ak_account_store_find:
 * @self: an #AkAccountStore
 * @id: an account id
 *
 * Returns: (transfer none) (nullable): the account with @id, or %NULL
 */
AkAccount *
ak_account_store_find (AkAccountStore *self,
                       const char     *id)
{
  guint position;

  g_return_val_if_fail (AK_IS_ACCOUNT_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (!find_position (self, id, &position))
    return NULL;

  return g_ptr_array_index (self->accounts, position);
}

/* Keyring and file failures: the person's sentence, and what libsecret or
 * GLib said as the detail. A cancellation stays a cancellation. */
static GError *
storage_error (GError     *error,
               const char *message)
{
  GError *ret;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return error;

  ret = ak_error_new_literal (AK_ERROR_STORAGE, message, 0, error->message);
  g_error_free (error);

  return ret;
}

/* Writing ------------------------------------------------------------------ */

static void start_write (AkAccountStore *self);

static void
finish_write (AkAccountStore *self,
              GError         *error)
{
  g_autoptr(GPtrArray) tasks = g_steal_pointer (&self->writing_tasks);
  g_autoptr(GError) owned_error = NULL;

  g_assert (self->writing);

  self->writing = FALSE;
  g_clear_pointer (&self->writing_bytes, g_bytes_unref);

  if (error != NULL)
    owned_error = storage_error (error, _("The account could not be saved. Check that your "
                                          "home folder can be written to and is not full."));

  for (guint i = 0; i < tasks->len; i++)
    {
      GTask *task = g_ptr_array_index (tasks, i);

      if (owned_error != NULL)
        g_task_return_error (task, g_error_copy (owned_error));
      else
        g_task_return_boolean (task, TRUE);
    }

  /* A callback above may already have started the next write. */
  if (!self->writing && self->waiting_tasks->len > 0)
    start_write (self);
}

static void
replace_contents_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(AkAccountStore) self = user_data;
  GError *error = NULL;

  if (g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    self->file_is_corrupt = FALSE;

  finish_write (self, error);
}

static void
replace_contents (AkAccountStore *self)
{
  /* G_FILE_CREATE_PRIVATE: 0600. GLib writes a temporary file and renames it
   * over the old one, so a crash leaves either the old or the new file. */
  g_file_replace_contents_bytes_async (self->file,
                                       self->writing_bytes,
                                       NULL,
                                       FALSE,
                                       G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                       NULL,
                                       replace_contents_cb,
                                       g_object_ref (self));
}

static void
move_aside_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(AkAccountStore) self = user_data;
  g_autoptr(GError) error = NULL;

  /* If the unreadable file is gone, there is nothing left to keep. */
  if (!g_file_move_finish (G_FILE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      finish_write (self, g_steal_pointer (&error));
      return;
    }

  replace_contents (self);
}

static void
start_write (AkAccountStore *self)
{
  g_autofree char *dir = NULL;
  char *data;
  gsize len;

  g_assert (!self->writing);
  g_assert (self->writing_tasks == NULL);

  self->writing = TRUE;
  self->writing_tasks = g_steal_pointer (&self->waiting_tasks);
  self->waiting_tasks = g_ptr_array_new_with_free_func (g_object_unref);

  data = g_key_file_to_data (self->keyfile, &len, NULL);
  self->writing_bytes = g_bytes_new_take (data, len);

  /* A stat when the folder exists, which is every time but the first. */
  dir = g_path_get_dirname (self->path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      finish_write (self, g_error_new (G_IO_ERROR, g_io_error_from_errno (saved_errno),
                                       "%s: %s", dir, g_strerror (saved_errno)));
      return;
    }

  if (self->file_is_corrupt)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
      g_autofree char *aside_path = g_strdup_printf ("%s.corrupt-%s", self->path, stamp);
      g_autoptr(GFile) aside = g_file_new_for_path (aside_path);

      g_file_move_async (self->file, aside, G_FILE_COPY_NONE, G_PRIORITY_DEFAULT,
                         NULL, NULL, NULL, move_aside_cb, g_object_ref (self));
      return;
    }

  replace_contents (self);
}

/* Completes @task once the keyfile as it is now has been written. */
static void
queue_write (AkAccountStore *self,
             GTask          *task)
{
  g_ptr_array_add (self->waiting_tasks, task);

  if (!self->writing)
    start_write (self);
}

/* Loading ------------------------------------------------------------------ */

/* A missing key keeps the account's default; an empty one is a field that
 * was cleared (see set_key_string()). */
static void
set_optional_string (GKeyFile   *keyfile,
                     const char *group,
                     const char *key,
                     AkAccount  *account,
                     const char *property)
{
  g_autofree char *value = g_key_file_get_string (keyfile, group, key, NULL);

  if (value != NULL)
    g_object_set (account, property, *value != '\0' ? value : NULL, NULL);
}

/* Makes the account saved in @group, or NULL when a field it cannot do
 * without is missing or wrong. */
static AkAccount *
account_from_group (GKeyFile    *keyfile,
                    const char  *group,
                    GError     **error)
{
  g_autoptr(AkAccount) account = NULL;
  g_autofree char *auth_url = NULL;
  g_autofree char *auth_kind = NULL;
  GEnumClass *enum_class;
  GEnumValue *kind;

  auth_url = g_key_file_get_string (keyfile, group, KEY_AUTH_URL, error);
  if (auth_url == NULL)
    return NULL;

  if (*auth_url == '\0')
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   "Key “%s” in group “%s” is empty", KEY_AUTH_URL, group);
      return NULL;
    }

  auth_kind = g_key_file_get_string (keyfile, group, KEY_AUTH_KIND, error);
  if (auth_kind == NULL)
    return NULL;

  enum_class = g_type_class_ref (AK_TYPE_AUTH_KIND);
  kind = g_enum_get_value_by_nick (enum_class, auth_kind);
  g_type_class_unref (enum_class);
  if (kind == NULL)
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   "Key “%s” in group “%s” has an unknown value", KEY_AUTH_KIND, group);
      return NULL;
    }

  account = g_object_new (AK_TYPE_ACCOUNT,
                          "id", group,
                          "auth-url", auth_url,
                          "auth-kind", kind->value,
                          NULL);

  set_optional_string (keyfile, group, KEY_LABEL, account, "label");
  set_optional_string (keyfile, group, KEY_USER_DOMAIN, account, "user-domain");
  set_optional_string (keyfile, group, KEY_USERNAME, account, "username");
  set_optional_string (keyfile, group, KEY_PROJECT_DOMAIN, account, "project-domain");
  set_optional_string (keyfile, group, KEY_PROJECT, account, "project");
  set_optional_string (keyfile, group, KEY_APPLICATION_CREDENTIAL_ID, account,
                       "application-credential-id");

  /* Anything but a clear "true" keeps encryption required. */
  ak_account_set_allow_unencrypted (account,
                                    g_key_file_get_boolean (keyfile, group,
                                                            KEY_ALLOW_UNENCRYPTED, NULL));

  return g_steal_pointer (&account);
}

static void
replace_all (AkAccountStore *self,
             GKeyFile       *keyfile,
             GPtrArray      *accounts)
{
  g_autoptr(GPtrArray) old_accounts = self->accounts;
  guint old_len = old_accounts->len;

  g_key_file_unref (self->keyfile);
  self->keyfile = g_key_file_ref (keyfile);
  self->accounts = g_ptr_array_ref (accounts);

  if (old_len == 0 && accounts->len == 0)
    return;

  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, accounts->len);
  if (old_len != accounts->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_ITEMS]);
}

static GError *
read_error (const char *detail)
{
  return ak_error_new_literal (AK_ERROR_STORAGE,
                               _("Your saved accounts could not be read. The file is kept as "
                                 "it is, and is set aside when you next save an account."),
                               0, detail);
}

static void
load_contents_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AkAccountStore *self = g_task_get_source_object (task);
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GPtrArray) accounts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) first_error = NULL;
  g_auto(GStrv) groups = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, &len, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          /* No account saved yet. */
          self->file_is_corrupt = FALSE;
          replace_all (self, keyfile, accounts);
          g_task_return_boolean (task, TRUE);
          return;
        }

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      /* Unreadable is as bad as corrupt: it must not be overwritten unseen. */
      self->file_is_corrupt = TRUE;
      replace_all (self, keyfile, accounts);
      g_task_return_error (task, read_error (error->message));
      return;
    }

  if (!g_key_file_load_from_data (keyfile, contents, len, G_KEY_FILE_KEEP_COMMENTS, &error))
    {
      g_autoptr(GKeyFile) empty = g_key_file_new ();

      self->file_is_corrupt = TRUE;
      replace_all (self, empty, accounts);
      g_task_return_error (task, read_error (error->message));
      return;
    }

  /* Keep every account that can be read; the file as a whole is kept aside. */
  groups = g_key_file_get_groups (keyfile, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_autoptr(GError) group_error = NULL;
      AkAccount *account = account_from_group (keyfile, groups[i], &group_error);

      if (account != NULL)
        {
          g_ptr_array_add (accounts, account);
          continue;
        }

      g_key_file_remove_group (keyfile, groups[i], NULL);
      if (first_error == NULL)
        first_error = g_steal_pointer (&group_error);
    }

  self->file_is_corrupt = first_error != NULL;
  replace_all (self, keyfile, accounts);

  if (first_error != NULL)
    g_task_return_error (task, read_error (first_error->message));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * ak_account_store_load_async:
 * @self: an #AkAccountStore
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the accounts are loaded
 * @user_data: data for @callback
 *
 * Reads the saved accounts, replacing what the model holds. Call it once,
 * before any save or remove.
 *
 * A missing file is an empty list, not an error. A file that is not a keyfile,
 * or an account in it without an identity address or a known sign-in kind,
 * gives %AK_ERROR_STORAGE (GLib's words in the detail); the accounts that
 * could be read are loaded all the same, and the file is left untouched until
 * the next save or remove sets it aside as `accounts.ini.corrupt-<time>`.
 */
void
ak_account_store_load_async (AkAccountStore      *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (AK_IS_ACCOUNT_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ak_account_store_load_async);

  g_file_load_contents_async (self->file, cancellable, load_contents_cb,
                              g_steal_pointer (&task));
}

gboolean
ak_account_store_load_finish (AkAccountStore  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (AK_IS_ACCOUNT_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ak_account_store_load_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Saving ------------------------------------------------------------------- */

/* Every key is written, a cleared field as empty, so that a field cleared
 * on purpose does not come back as its default. */
static void
set_key_string (GKeyFile   *keyfile,
                const char *group,
                const char *key,
                const char *value)
{
  g_key_file_set_string (keyfile, group, key, value != NULL ? value : "");
}

static void
write_group (GKeyFile  *keyfile,
             AkAccount *account)
{
  const char *group = ak_account_get_id (account);
  GEnumClass *enum_class = g_type_class_ref (AK_TYPE_AUTH_KIND);
  GEnumValue *kind = g_enum_get_value (enum_class, ak_account_get_auth_kind (account));

  set_key_string (keyfile, group, KEY_LABEL, ak_account_get_label (account));
  set_key_string (keyfile, group, KEY_AUTH_URL, ak_account_get_auth_url (account));
  set_key_string (keyfile, group, KEY_AUTH_KIND, kind->value_nick);
  set_key_string (keyfile, group, KEY_USER_DOMAIN, ak_account_get_user_domain (account));
  set_key_string (keyfile, group, KEY_USERNAME, ak_account_get_username (account));
  set_key_string (keyfile, group, KEY_PROJECT_DOMAIN, ak_account_get_project_domain (account));
  set_key_string (keyfile, group, KEY_PROJECT, ak_account_get_project (account));
  set_key_string (keyfile, group, KEY_APPLICATION_CREDENTIAL_ID,
                  ak_account_get_application_credential_id (account));
  g_key_file_set_boolean (keyfile, group, KEY_ALLOW_UNENCRYPTED,
                          ak_account_get_allow_unencrypted (account));

  g_type_class_unref (enum_class);
}

/* Gives the stored account the fields of the edited copy, so whoever holds
 * the stored one sees the change through its property notifications. */
static void
assign_account (AkAccount *dest,
                AkAccount *src)
{
  g_object_freeze_notify (G_OBJECT (dest));
  ak_account_set_label (dest, ak_account_get_label (src));
  ak_account_set_auth_url (dest, ak_account_get_auth_url (src));
  ak_account_set_auth_kind (dest, ak_account_get_auth_kind (src));
  ak_account_set_user_domain (dest, ak_account_get_user_domain (src));
  ak_account_set_username (dest, ak_account_get_username (src));
  ak_account_set_project_domain (dest, ak_account_get_project_domain (src));
  ak_account_set_project (dest, ak_account_get_project (src));
  ak_account_set_application_credential_id (dest,
                                            ak_account_get_application_credential_id (src));
  ak_account_set_allow_unencrypted (dest, ak_account_get_allow_unencrypted (src));
  g_object_thaw_notify (G_OBJECT (dest));
}

static void
save_fields (GTask *task)
{
  AkAccountStore *self = g_task_get_source_object (task);
  AkAccount *account = g_task_get_task_data (task);
  guint position;

  if (find_position (self, ak_account_get_id (account), &position))
    {
      AkAccount *stored = g_ptr_array_index (self->accounts, position);

      if (stored != account)
        assign_account (stored, account);
      g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
    }
  else
    {
      g_ptr_array_add (self->accounts, g_object_ref (account));
      g_list_model_items_changed (G_LIST_MODEL (self), self->accounts->len - 1, 0, 1);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_ITEMS]);
    }

  write_group (self->keyfile, account);
  queue_write (self, task);
}

static const char *
secret_store_failed_message (AkAccount *account)
{
  if (ak_account_get_auth_kind (account) == AK_AUTH_KIND_APPLICATION_CREDENTIAL)
    return _("The application credential secret could not be saved in your keyring.");

  return _("The password could not be saved in your keyring.");
}

static void
password_store_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AkAccount *account = g_task_get_task_data (task);
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    {
      g_task_return_error (task, storage_error (error, secret_store_failed_message (account)));
      return;
    }

  save_fields (g_steal_pointer (&task));
}

/**
 * ak_account_store_save_async:
 * @self: an #AkAccountStore
 * @account: the account to add, or an edited copy of a stored one
 * @secret: (nullable): its password or application-credential secret, or
 *   %NULL to keep the one in the keyring
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the account is saved
 * @user_data: data for @callback
 *
 * Adds @account, or updates the stored account with the same id. An account
 * that ak_account_validate() refuses is not saved (that error is returned).
 *
 * The secret goes to the keyring first: if the keyring refuses it
 * (%AK_ERROR_STORAGE), nothing changes. Then the model changes at once: a new
 * account is appended (::items-changed position, 0, 1) and keeps @account
 * itself; an update copies the fields of @account onto the stored object, which
 * stays the same object, and emits ::items-changed (position, 1, 1). Last the
 * keyfile is written; if that fails (%AK_ERROR_STORAGE) the model keeps the
 * change and the next save writes it.
 */
void
ak_account_store_save_async (AkAccountStore      *self,
                             AkAccount           *account,
                             AkSecret            *secret,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (AK_IS_ACCOUNT_STORE (self));
  g_return_if_fail (AK_IS_ACCOUNT (account));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ak_account_store_save_async);
  g_task_set_task_data (task, g_object_ref (account), g_object_unref);

  if (!ak_account_validate (account, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (secret == NULL)
    {
      save_fields (g_steal_pointer (&task));
      return;
    }

  /* Translators: the name of a keyring item, as shown in Passwords and Keys;
   * %s is the name of the account. */
  label = g_strdup_printf (_("Access Keys: %s"), ak_account_get_display_label (account));

  /* libsecret copies the secret into its own non-pageable memory here. */
  secret_password_store (&account_schema, SECRET_COLLECTION_DEFAULT, label,
                         ak_secret_get (secret), cancellable,
                         password_store_cb, g_steal_pointer (&task),
                         AK_ACCOUNT_STORE_ATTRIBUTE_ACCOUNT_ID, ak_account_get_id (account),
                         NULL);
}

gboolean
ak_account_store_save_finish (AkAccountStore  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (AK_IS_ACCOUNT_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ak_account_store_save_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Removing ----------------------------------------------------------------- */

static void
password_clear_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AkAccountStore *self = g_task_get_source_object (task);
  AkAccount *account = g_task_get_task_data (task);
  const char *id = ak_account_get_id (account);
  GError *error = NULL;
  gboolean in_file;
  guint position;

  /* FALSE without an error means there was no secret to clear. */
  if (!secret_password_clear_finish (result, &error) && error != NULL)
    {
      g_task_return_error (task,
                           storage_error (error, _("The password could not be removed from "
                                                   "your keyring, so the account was kept.")));
      return;
    }

  if (find_position (self, id, &position))
    {
      g_ptr_array_remove_index (self->accounts, position);
      g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_ITEMS]);
    }

  in_file = g_key_file_remove_group (self->keyfile, id, NULL);
  if (!in_file)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  queue_write (self, g_steal_pointer (&task));
}

/**
 * ak_account_store_remove_async:
 * @self: an #AkAccountStore
 * @account: the account to forget
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the account is removed
 * @user_data: data for @callback
 *
 * Clears the account's secret from the keyring, then removes it from the
 * model (::items-changed position, 1, 0) and the keyfile. If the keyring
 * refuses, the account stays (%AK_ERROR_STORAGE), so no secret is left behind
 * without an account to find it by. Removing an account the store does not
 * hold clears its secret and succeeds.
 */
void
ak_account_store_remove_async (AkAccountStore      *self,
                               AkAccount           *account,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (AK_IS_ACCOUNT_STORE (self));
  g_return_if_fail (AK_IS_ACCOUNT (account));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ak_account_store_remove_async);
  g_task_set_task_data (task, g_object_ref (account), g_object_unref);

  secret_password_clear (&account_schema, cancellable,
                         password_clear_cb, g_steal_pointer (&task),
                         AK_ACCOUNT_STORE_ATTRIBUTE_ACCOUNT_ID, ak_account_get_id (account),
                         NULL);
}

gboolean
ak_account_store_remove_finish (AkAccountStore  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (AK_IS_ACCOUNT_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ak_account_store_remove_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Looking up a secret ------------------------------------------------------ */

static void
password_lookup_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AkAccount *account = g_task_get_task_data (task);
  GError *error = NULL;
  char *password;
  AkSecret *secret;

  password = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task,
                           storage_error (error, _("The password could not be read from "
                                                   "your keyring.")));
      return;
    }

  if (password == NULL)
    {
      const char *message;

      if (ak_account_get_auth_kind (account) == AK_AUTH_KIND_APPLICATION_CREDENTIAL)
        message = _("No application credential secret is saved for this account. "
                    "Enter it to sign in.");
      else
        message = _("No password is saved for this account. Enter it to sign in.");

      g_task_return_error (task, ak_error_new_literal (AK_ERROR_NOT_FOUND, message, 0, NULL));
      return;
    }

  secret = ak_secret_new (password);
  secret_password_free (password);

  g_task_return_pointer (task, secret, (GDestroyNotify)ak_secret_unref);
}

/**
 * ak_account_store_lookup_secret_async:
 * @self: an #AkAccountStore
 * @account: an account
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the secret
 * @user_data: data for @callback
 *
 * Reads the account's password or application-credential secret from the
 * keyring. See ak_account_store_lookup_secret_finish() for the outcomes.
 */
void
ak_account_store_lookup_secret_async (AkAccountStore      *self,
                                      AkAccount           *account,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (AK_IS_ACCOUNT_STORE (self));
  g_return_if_fail (AK_IS_ACCOUNT (account));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ak_account_store_lookup_secret_async);
  g_task_set_task_data (task, g_object_ref (account), g_object_unref);

  secret_password_lookup (&account_schema, cancellable,
                          password_lookup_cb, g_steal_pointer (&task),
                          AK_ACCOUNT_STORE_ATTRIBUTE_ACCOUNT_ID, ak_account_get_id (account),
                          NULL);
}

/**
 * ak_account_store_lookup_secret_finish:
 * @self: an #AkAccountStore
 * @result: the #GAsyncResult
 * @error: a location for a #GError, or %NULL
 *
 * Returns: (transfer full) (nullable): the secret, or %NULL with
 *   %AK_ERROR_NOT_FOUND when the keyring holds none for the account (ask the
 *   person for it), or %AK_ERROR_STORAGE when the keyring could not be read
 */
AkSecret *
ak_account_store_lookup_secret_finish (AkAccountStore  *self,
                                       GAsyncResult    *result,
                                       GError         **error)
{
  g_return_val_if_fail (AK_IS_ACCOUNT_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        ak_account_store_lookup_secret_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
