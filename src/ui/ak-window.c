/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ak-error.h"
#include "ak-keystone-provider.h"
#include "ak-window-private.h"

/* The main window: one account at a time, its keys in a list, and a status
 * page for every other state (no account, loading, empty, error, signed
 * out). Everything it asks the network is asynchronous and cancelled when
 * the account changes or the window goes. The delete flow and the other
 * actions live in ak-window-actions.c. */

G_DEFINE_FINAL_TYPE (AkWindow, ak_window, ADW_TYPE_APPLICATION_WINDOW)

#define SETTINGS_SCHEMA_ID "io.github.accesskeys.AccessKeys"

/* What a sign-in or list callback needs to know whether it still matters.
 * The window is held weakly: a request on its way must not keep a closed
 * window alive, since closing it is what cancels the request. */
typedef struct
{
  GWeakRef  self;
  guint     serial;
} LoadData;

static LoadData *
load_data_new (AkWindow *self)
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

/* Returns: (transfer full) (nullable): the window, if this answer is for
 * the request it is still waiting for */
static AkWindow *
load_data_get_window (LoadData *data)
{
  g_autoptr(AkWindow) self = g_weak_ref_get (&data->self);

  if (self == NULL || data->serial != self->load_serial)
    return NULL;

  return g_steal_pointer (&self);
}

/* Returns: (transfer none) (nullable): the application's saved accounts */
AkAccountStore *
_ak_window_get_account_store (AkWindow *self)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  if (!AK_IS_APPLICATION (application))
    return NULL;

  return ak_application_get_account_store (AK_APPLICATION (application));
}

char *
_ak_window_key_identity (AkKeyKind   kind,
                         const char *id)
{
  return g_strdup_printf ("%u:%s", (guint) kind, id);
}

/* Returns: (transfer none) (nullable): the store's key with this identity */
AkKey *
_ak_window_find_key (AkWindow   *self,
                     AkKeyKind   kind,
                     const char *id,
                     guint      *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->keys));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AkKey) key = g_list_model_get_item (G_LIST_MODEL (self->keys), i);

      if (ak_key_get_kind (key) == kind && g_strcmp0 (ak_key_get_id (key), id) == 0)
        {
          if (position != NULL)
            *position = i;
          /* The store keeps its own reference. */
          return key;
        }
    }

  return NULL;
}

gboolean
_ak_window_is_sign_in_key (AkWindow   *self,
                           AkKeyKind   kind,
                           const char *id)
{
  return self->account != NULL &&
         kind == AK_KEY_KIND_APPLICATION_CREDENTIAL &&
         ak_account_get_auth_kind (self->account) == AK_AUTH_KIND_APPLICATION_CREDENTIAL &&
         g_strcmp0 (ak_account_get_application_credential_id (self->account), id) == 0;
}

static void
update_scope_switcher (AkWindow *self)
{
  const char *state = gtk_stack_get_visible_child_name (self->stack);
  gboolean show_scope;

  /* "My Keys / All Users" only where the account may see other users' keys. */
  show_scope = self->provider != NULL &&
               self->signed_in &&
               ak_provider_has_feature (self->provider, AK_PROVIDER_FEATURE_ALL_USERS) &&
               (g_strcmp0 (state, "keys") == 0 ||
                g_strcmp0 (state, "empty") == 0 ||
                g_strcmp0 (state, "loading") == 0);
  gtk_stack_set_visible_child_name (self->title_stack, show_scope ? "scope" : "title");
}

void
_ak_window_set_state (AkWindow   *self,
                      const char *state)
{
  gtk_stack_set_visible_child_name (self->stack, state);
  gtk_spinner_set_spinning (self->loading_spinner, g_str_equal (state, "loading"));

  if (!g_str_equal (state, "keys"))
    ak_key_list_set_search_mode_enabled (self->key_list, FALSE);

  update_scope_switcher (self);
  _ak_window_update_actions (self);
}

static void
set_refreshing (AkWindow *self,
                gboolean  refreshing)
{
  self->refreshing = !!refreshing;
  gtk_stack_set_visible_child_name (self->refresh_stack, refreshing ? "spinner" : "button");
  gtk_spinner_set_spinning (self->refresh_spinner, refreshing);
  _ak_window_update_actions (self);
}

/* Cancels the sign-in or list in flight, if any, and starts afresh. */
static void
restart_load (AkWindow *self)
{
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();
  self->load_serial++;
  set_refreshing (self, FALSE);
}

/* Shows @toast (its title is markup). The title is a label of our own that
 * wraps, even inside a key ID, so that a long sentence is read whole rather
 * than cut off, and a long ID cannot push the toast off the window. */
void
_ak_window_show_toast (AkWindow *self,
                       AdwToast *toast)
{
  GtkWidget *title = gtk_label_new (NULL);

  gtk_label_set_markup (GTK_LABEL (title), adw_toast_get_title (toast));
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (title), 0.0);
  adw_toast_set_custom_title (toast, title);

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
_ak_window_show_signed_out (AkWindow   *self,
                            const char *description)
{
  g_autofree char *escaped = g_markup_escape_text (description, -1);

  /* Whatever was still loading for the old sign-in no longer counts. */
  restart_load (self);
  self->signed_in = FALSE;
  g_free (self->signed_out_reason);
  self->signed_out_reason = g_strdup (description);
  adw_status_page_set_description (self->signed_out_page, escaped);
  _ak_window_set_state (self, "signed-out");
}

static void
show_error_page (AkWindow   *self,
                 const char *icon_name,
                 const char *title,
                 const char *message,
                 const char *detail)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  adw_status_page_set_icon_name (self->error_page, icon_name);
  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, escaped);
  gtk_label_set_text (self->error_detail_label, detail != NULL ? detail : "");
  gtk_expander_set_expanded (self->error_expander, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->error_expander), detail != NULL && *detail != '\0');
  _ak_window_set_state (self, "error");
}

static void
show_error (AkWindow     *self,
            const char   *title,
            const GError *error)
{
  const char *icon_name = "dialog-warning-symbolic";

  if (g_error_matches (error, AK_ERROR, AK_ERROR_NETWORK) ||
      g_error_matches (error, AK_ERROR, AK_ERROR_TIMEOUT) ||
      g_error_matches (error, AK_ERROR, AK_ERROR_TLS))
    icon_name = "network-error-symbolic";

  show_error_page (self, icon_name, title, error->message, ak_error_get_detail (error));
}

void
_ak_window_show_sign_in_refused (AkWindow *self)
{
  g_autofree char *description = NULL;

  if (ak_account_get_auth_kind (self->account) == AK_AUTH_KIND_APPLICATION_CREDENTIAL)
    /* Translators: %s is the name of a cloud account. */
    description = g_strdup_printf (_("The sign-in to “%s” was refused. Enter the application "
                                     "credential secret again to see its keys."),
                                   ak_account_get_display_label (self->account));
  else
    /* Translators: %s is the name of a cloud account. */
    description = g_strdup_printf (_("The sign-in to “%s” was refused. The password may have "
                                     "changed: enter it again to see its keys."),
                                   ak_account_get_display_label (self->account));

  _ak_window_show_signed_out (self, description);
}

static void
update_features (AkWindow *self)
{
  ak_key_list_set_show_expiry (self->key_list,
                               self->provider != NULL &&
                               ak_provider_has_feature (self->provider,
                                                        AK_PROVIDER_FEATURE_EXPIRY));
  update_scope_switcher (self);
  /* Whether keys may be created at all. */
  _ak_window_update_actions (self);
}

static void
features_changed_cb (AkWindow   *self,
                     GParamSpec *pspec,
                     AkProvider *provider)
{
  update_features (self);
}

static void
set_provider (AkWindow   *self,
              AkProvider *provider)
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

  update_features (self);
}

/* Puts a list's keys in the store, in one change. */
static void
apply_keys (AkWindow  *self,
            GPtrArray *keys,
            guint      serial)
{
  g_autoptr(GPtrArray) shown = g_ptr_array_new_full (keys->len, NULL);
  GHashTableIter iter;
  gpointer value;

  for (guint i = 0; i < keys->len; i++)
    {
      AkKey *key = g_ptr_array_index (keys, i);
      g_autofree char *identity = _ak_window_key_identity (ak_key_get_kind (key),
                                                           ak_key_get_id (key));

      /* A list that started before a delete finished may still have the key. */
      if (g_hash_table_lookup_extended (self->deleted, identity, NULL, &value) &&
          GPOINTER_TO_UINT (value) >= serial)
        continue;

      /* The new object of a key whose delete is on its way shows it too. */
      if (g_hash_table_contains (self->deleting, identity))
        ak_key_set_deleting (key, TRUE);

      g_ptr_array_add (shown, key);
    }

  /* A list started after a delete finished is the truth on its own. */
  g_hash_table_iter_init (&iter, self->deleted);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (GPOINTER_TO_UINT (value) < serial)
      g_hash_table_iter_remove (&iter);

  g_list_store_splice (self->keys, 0, g_list_model_get_n_items (G_LIST_MODEL (self->keys)),
                       shown->pdata, shown->len);
}

static void
list_keys_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LoadData) data = user_data;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AkWindow) self = NULL;
  gboolean was_refreshing;

  keys = ak_provider_list_keys_finish (AK_PROVIDER (object), result, &error);

  self = load_data_get_window (data);
  if (self == NULL)
    return;

  was_refreshing = self->refreshing;
  set_refreshing (self, FALSE);

  if (keys == NULL)
    {
      if (g_error_matches (error, AK_ERROR, AK_ERROR_AUTH))
        {
          _ak_window_show_sign_in_refused (self);
        }
      else if (was_refreshing)
        {
          g_autofree char *escaped = g_markup_escape_text (error->message, -1);
          AdwToast *toast = adw_toast_new (escaped);

          /* The keys on screen stay; say why they were not refreshed. */
          adw_toast_set_button_label (toast, _("_Retry"));
          adw_toast_set_action_name (toast, "win.refresh");
          adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
          _ak_window_show_toast (self, toast);
        }
      else
        {
          show_error (self, _("Could Not Load Access Keys"), error);
        }
      return;
    }

  apply_keys (self, keys, data->serial);
  _ak_window_set_state (self, g_list_model_get_n_items (G_LIST_MODEL (self->keys)) > 0
                                ? "keys" : "empty");
}

void
_ak_window_load_keys (AkWindow *self)
{
  const char *state = gtk_stack_get_visible_child_name (self->stack);
  AkKeyScope scope = AK_KEY_SCOPE_MINE;
  g_autofree char *scope_name = NULL;

  if (self->provider == NULL || !self->signed_in)
    return;

  restart_load (self);

  /* A refresh keeps the keys in sight; a first load shows the loading page. */
  if (g_strcmp0 (state, "keys") == 0 &&
      g_list_model_get_n_items (G_LIST_MODEL (self->keys)) > 0)
    {
      set_refreshing (self, TRUE);
    }
  else
    {
      adw_status_page_set_title (self->loading_page, _("Loading Access Keys…"));
      _ak_window_set_state (self, "loading");
    }

  scope_name = g_settings_get_string (self->settings, "key-scope");
  if (g_strcmp0 (scope_name, "all-users") == 0 &&
      ak_provider_has_feature (self->provider, AK_PROVIDER_FEATURE_ALL_USERS))
    scope = AK_KEY_SCOPE_ALL_USERS;

  ak_provider_list_keys_async (self->provider, scope, self->load_cancellable,
                               list_keys_cb, load_data_new (self));
}

static void
sign_in_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(LoadData) data = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AkWindow) self = NULL;
  gboolean signed_in;

  signed_in = ak_provider_sign_in_finish (AK_PROVIDER (object), result, &error);

  self = load_data_get_window (data);
  if (self == NULL)
    return;

  if (!signed_in)
    {
      if (g_error_matches (error, AK_ERROR, AK_ERROR_AUTH))
        _ak_window_show_sign_in_refused (self);
      else
        show_error (self, _("Could Not Sign In"), error);
      return;
    }

  self->signed_in = TRUE;
  update_features (self);
  _ak_window_load_keys (self);
}

static void
lookup_secret_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(LoadData) data = user_data;
  g_autoptr(AkSecret) secret = NULL;
  g_autoptr(AkProvider) provider = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AkWindow) self = NULL;

  secret = ak_account_store_lookup_secret_finish (AK_ACCOUNT_STORE (object), result, &error);

  self = load_data_get_window (data);
  if (self == NULL)
    return;

  if (secret == NULL)
    {
      if (g_error_matches (error, AK_ERROR, AK_ERROR_NOT_FOUND))
        {
          g_autofree char *description = NULL;

          /* Translators: %s is the name of a cloud account. */
          description = g_strdup_printf (_("No password is saved for “%s”. Enter it to see "
                                           "the account’s keys."),
                                         ak_account_get_display_label (self->account));
          _ak_window_show_signed_out (self, description);
        }
      else
        {
          show_error (self, _("Could Not Sign In"), error);
        }
      return;
    }

  provider = ak_keystone_provider_new (self->account, secret);
  set_provider (self, provider);
  ak_provider_sign_in_async (provider, self->load_cancellable, sign_in_cb,
                             g_steal_pointer (&data));
}

/* Signs in with the secret the keyring holds for the account, then lists. */
void
_ak_window_sign_in (AkWindow *self)
{
  AkAccountStore *store;

  g_assert (self->account != NULL);

  restart_load (self);
  self->signed_in = FALSE;
  adw_status_page_set_title (self->loading_page, _("Signing In…"));
  _ak_window_set_state (self, "loading");

  store = _ak_window_get_account_store (self);
  if (store == NULL)
    {
      show_error_page (self, "dialog-warning-symbolic", _("Could Not Sign In"),
                       ak_error_code_to_message (AK_ERROR_STORAGE), NULL);
      return;
    }

  ak_account_store_lookup_secret_async (store, self->account, self->load_cancellable,
                                        lookup_secret_cb, load_data_new (self));
}

void
_ak_window_cancel_loading (AkWindow *self)
{
  gboolean was_signing_in = !self->signed_in;

  restart_load (self);

  if (!was_signing_in && g_list_model_get_n_items (G_LIST_MODEL (self->keys)) > 0)
    {
      _ak_window_set_state (self, "keys");
      return;
    }

  show_error_page (self, "dialog-information-symbolic",
                   was_signing_in ? _("Sign-In Cancelled") : _("Loading Cancelled"),
                   _("Nothing was changed. Try again when you are ready."),
                   NULL);
}

static void
key_scope_changed_cb (AkWindow   *self,
                      const char *key,
                      GSettings  *settings)
{
  _ak_window_sync_key_scope (self);

  if (self->provider == NULL || !self->signed_in ||
      !ak_provider_has_feature (self->provider, AK_PROVIDER_FEATURE_ALL_USERS))
    return;

  /* Other people's keys are a different list, not a refresh of this one. */
  g_list_store_remove_all (self->keys);
  _ak_window_load_keys (self);
}

static void
save_window_state (AkWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  /* A maximized window keeps the size it had before, for unmaximizing. */
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_apply (self->settings);
}

static void
restore_window_state (AkWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
ak_window_close_request (GtkWindow *window)
{
  save_window_state (AK_WINDOW (window));

  return GTK_WINDOW_CLASS (ak_window_parent_class)->close_request (window);
}

static void
ak_window_dispose (GObject *object)
{
  AkWindow *self = AK_WINDOW (object);

  /* Nothing started for this window may finish into it. */
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->load_cancellable);
  self->load_serial++;

  g_clear_weak_pointer (&self->delete_dialog);
  if (self->account_dialog != NULL)
    gtk_window_destroy (self->account_dialog);
  g_clear_weak_pointer (&self->account_dialog);

  if (self->provider != NULL)
    g_clear_signal_handler (&self->features_handler, self->provider);

  gtk_widget_dispose_template (GTK_WIDGET (self), AK_TYPE_WINDOW);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->provider);
  g_clear_object (&self->account);
  g_clear_object (&self->keys);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->deleting, g_hash_table_unref);
  g_clear_pointer (&self->deleted, g_hash_table_unref);
  g_clear_pointer (&self->signed_out_reason, g_free);

  G_OBJECT_CLASS (ak_window_parent_class)->dispose (object);
}

static void
ak_window_class_init (AkWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ak_window_dispose;
  window_class->close_request = ak_window_close_request;

  g_type_ensure (AK_TYPE_ACCOUNT_MENU);
  g_type_ensure (AK_TYPE_KEY_LIST);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ak-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AkWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, AkWindow, account_menu_slot);
  gtk_widget_class_bind_template_child (widget_class, AkWindow, account_menu);
  gtk_widget_class_bind_template_child (widget_class, AkWindow, create_button);
  gtk_widget_class_bind_template_child (widget_class, AkWindow, empty_create_button);
  gtk_widget_class_bind_template_child (widget_class, AkWindow, title_stack);
  gtk_widget_class_bind_template_child (widget_class, AkWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, AkWindow, refresh_stack);
  gtk_widget_class_bind_template_child (widget_class, AkWindow, refresh_spinner);
  gtk_widget_class_bind_template_child (widget_class, AkWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AkWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, AkWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, AkWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, AkWindow, key_list);
  gtk_widget_class_bind_template_child (widget_class, AkWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, AkWindow, error_expander);
  gtk_widget_class_bind_template_child (widget_class, AkWindow, error_detail_label);
  gtk_widget_class_bind_template_child (widget_class, AkWindow, signed_out_page);
}

/* The account menu lists the application's saved accounts. */
static void
application_changed_cb (AkWindow   *self,
                        GParamSpec *pspec,
                        gpointer    user_data)
{
  ak_account_menu_set_store (self->account_menu, _ak_window_get_account_store (self));
}

/* The account shown was removed from the menu: show another, or none. */
static void
account_removed_cb (AkWindow      *self,
                    AkAccount     *account,
                    AkAccountMenu *menu)
{
  AkAccountStore *store = _ak_window_get_account_store (self);
  g_autoptr(AkAccount) next = NULL;

  if (self->account == NULL ||
      g_strcmp0 (ak_account_get_id (account), ak_account_get_id (self->account)) != 0)
    return;

  if (store != NULL && g_list_model_get_n_items (G_LIST_MODEL (store)) > 0)
    next = g_list_model_get_item (G_LIST_MODEL (store), 0);

  ak_window_set_account (self, next, NULL);
}

static void
ak_window_init (AkWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (self, "notify::application", G_CALLBACK (application_changed_cb), NULL);
  g_signal_connect_object (self->account_menu, "account-removed",
                           G_CALLBACK (account_removed_cb), self, G_CONNECT_SWAPPED);

  self->settings = g_settings_new (SETTINGS_SCHEMA_ID);
  self->keys = g_list_store_new (AK_TYPE_KEY);
  self->cancellable = g_cancellable_new ();
  self->load_cancellable = g_cancellable_new ();
  self->deleting = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->deleted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  ak_key_list_set_model (self->key_list, G_LIST_MODEL (self->keys));
  g_object_bind_property (self->search_button, "active",
                          self->key_list, "search-mode-enabled",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  g_signal_connect_object (self->settings, "changed::key-scope",
                           G_CALLBACK (key_scope_changed_cb), self, G_CONNECT_SWAPPED);

  _ak_window_add_actions (self);
  restore_window_state (self);
  _ak_window_set_state (self, "no-account");
}

/**
 * ak_window_new:
 * @application: the application
 *
 * Returns: (transfer none): a new window on the "no account" page
 */
AkWindow *
ak_window_new (AkApplication *application)
{
  g_return_val_if_fail (AK_IS_APPLICATION (application), NULL);

  return g_object_new (AK_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

/**
 * ak_window_get_account:
 * @self: an #AkWindow
 *
 * Returns: (transfer none) (nullable): the account the window shows
 */
AkAccount *
ak_window_get_account (AkWindow *self)
{
  g_return_val_if_fail (AK_IS_WINDOW (self), NULL);

  return self->account;
}

/**
 * ak_window_get_provider:
 * @self: an #AkWindow
 *
 * Returns: (transfer none) (nullable): the provider of the account
 */
AkProvider *
ak_window_get_provider (AkWindow *self)
{
  g_return_val_if_fail (AK_IS_WINDOW (self), NULL);

  return self->provider;
}

/**
 * ak_window_set_account:
 * @self: an #AkWindow
 * @account: (nullable): the account to show, or %NULL for none
 * @provider: (nullable): a provider already signed in to @account, or %NULL
 *   to sign in here with the secret the keyring holds for it
 *
 * Shows @account's keys. Whatever the window was doing for the account
 * before, including a delete on its way, is cancelled.
 */
void
ak_window_set_account (AkWindow   *self,
                       AkAccount  *account,
                       AkProvider *provider)
{
  g_return_if_fail (AK_IS_WINDOW (self));
  g_return_if_fail (!account || AK_IS_ACCOUNT (account));
  g_return_if_fail (!provider || AK_IS_PROVIDER (provider));
  g_return_if_fail (account != NULL || provider == NULL);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  restart_load (self);

  g_hash_table_remove_all (self->deleting);
  g_hash_table_remove_all (self->deleted);
  g_list_store_remove_all (self->keys);
  ak_key_list_set_search_text (self->key_list, NULL);

  g_set_object (&self->account, account);
  ak_account_menu_set_current_account (self->account_menu, account);
  self->signed_in = FALSE;
  set_provider (self, provider);

  if (account == NULL)
    {
      _ak_window_set_state (self, "no-account");
      return;
    }

  g_settings_set_string (self->settings, "last-account", ak_account_get_id (account));

  if (provider != NULL)
    {
      self->signed_in = TRUE;
      update_features (self);
      _ak_window_load_keys (self);
    }
  else
    {
      _ak_window_sign_in (self);
    }
}

/**
 * ak_window_get_keys:
 * @self: an #AkWindow
 *
 * Returns: (transfer none): the #GListModel of the account's #AkKey
 */
GListModel *
ak_window_get_keys (AkWindow *self)
{
  g_return_val_if_fail (AK_IS_WINDOW (self), NULL);

  return G_LIST_MODEL (self->keys);
}

/**
 * ak_window_add_key:
 * @self: an #AkWindow
 * @key: a key just created
 *
 * Adds @key to the list without waiting for a refresh.
 */
void
ak_window_add_key (AkWindow *self,
                   AkKey    *key)
{
  g_autofree char *identity = NULL;

  g_return_if_fail (AK_IS_WINDOW (self));
  g_return_if_fail (AK_IS_KEY (key));

  identity = _ak_window_key_identity (ak_key_get_kind (key), ak_key_get_id (key));
  g_hash_table_remove (self->deleted, identity);

  if (_ak_window_find_key (self, ak_key_get_kind (key), ak_key_get_id (key), NULL) == NULL)
    g_list_store_append (self->keys, key);

  if (self->signed_in && !self->refreshing &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "empty") == 0)
    _ak_window_set_state (self, "keys");
}

/**
 * ak_window_refresh:
 * @self: an #AkWindow
 *
 * Lists the keys again, or signs in again where the last sign-in failed.
 */
void
ak_window_refresh (AkWindow *self)
{
  g_return_if_fail (AK_IS_WINDOW (self));

  if (self->account == NULL)
    return;

  if (self->signed_in)
    _ak_window_load_keys (self);
  else
    _ak_window_sign_in (self);
}
