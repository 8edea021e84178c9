/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-account-menu"

#include "config.h"

#include <glib/gi18n.h>

#include "ak-account-menu.h"
#include "ak-confirmation.h"

/* The header bar's account switcher: a button naming the current account and
 * a menu listing the saved ones. Switching, adding and editing are the
 * window's actions (win.switch-account, win.add-account, win.edit-account,
 * each with an account id where one is needed); renaming and removing are
 * done here, after asking, since they only touch what is saved on this
 * computer. */
struct _AkAccountMenu
{
  GtkWidget       parent_instance;

  /* template children */
  GtkMenuButton  *button;
  GtkLabel       *button_label;
  GtkListBox     *list_box;

  /* owned references */
  AkAccountStore *store;
  AkAccount      *current_account;
  GCancellable   *cancellable;
};

G_DEFINE_FINAL_TYPE (AkAccountMenu, ak_account_menu, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_CURRENT_ACCOUNT,
  N_PROPS
};

enum {
  ACCOUNT_REMOVED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static gboolean
is_current (AkAccountMenu *self,
            AkAccount     *account)
{
  return self->current_account != NULL &&
         g_strcmp0 (ak_account_get_id (account),
                    ak_account_get_id (self->current_account)) == 0;
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  AkAccountMenu *self = user_data;
  AkAccount *account = item;
  GtkWidget *row;
  GtkWidget *box;
  GtkWidget *label;
  GtkWidget *check;
  gboolean current = is_current (self, account);

  label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
  gtk_widget_set_hexpand (label, TRUE);
  g_object_bind_property (account, "display-label", label, "label", G_BINDING_SYNC_CREATE);

  check = gtk_image_new_from_icon_name ("object-select-symbolic");
  gtk_widget_set_opacity (check, current ? 1.0 : 0.0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Current account"),
                                  -1);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), check);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_state (GTK_ACCESSIBLE (row),
                               GTK_ACCESSIBLE_STATE_SELECTED, current,
                               -1);

  return row;
}

/* The rows follow the store; only which one is checked changes here. */
static void
update_checks (AkAccountMenu *self)
{
  guint n;

  if (self->store == NULL)
    return;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AkAccount) account = g_list_model_get_item (G_LIST_MODEL (self->store), i);
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list_box, i);
      GtkWidget *box;
      gboolean current;

      if (row == NULL)
        continue;

      current = is_current (self, account);
      box = gtk_list_box_row_get_child (row);
      gtk_widget_set_opacity (gtk_widget_get_last_child (box), current ? 1.0 : 0.0);
      gtk_accessible_update_state (GTK_ACCESSIBLE (row),
                                   GTK_ACCESSIBLE_STATE_SELECTED, current,
                                   -1);
    }
}

static void
update_button (AkAccountMenu *self)
{
  const char *label;
  g_autofree char *accessible = NULL;

  if (self->current_account != NULL)
    label = ak_account_get_display_label (self->current_account);
  else
    label = _("No Account");

  gtk_label_set_text (self->button_label, label);

  /* Translators: the accessible name of the account switcher; %s is the
   * account in use, e.g. "alice in demo on cloud.example.com". */
  accessible = g_strdup_printf (_("Account: %s"), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

static void
update_items (AkAccountMenu *self)
{
  gboolean current = self->current_account != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account-menu.edit", current);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account-menu.rename", current);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account-menu.remove", current);
}

static void
display_label_changed_cb (AkAccountMenu *self)
{
  update_button (self);
}

static void
row_activated_cb (AkAccountMenu *self,
                  GtkListBoxRow *row)
{
  g_autoptr(AkAccount) account = NULL;
  int index = gtk_list_box_row_get_index (row);

  if (self->store == NULL || index < 0)
    return;

  account = g_list_model_get_item (G_LIST_MODEL (self->store), index);
  if (account == NULL)
    return;

  gtk_menu_button_popdown (self->button);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.switch-account",
                              "s", ak_account_get_id (account));
}

/* What a removal needs after the confirmation dialog or the store answers;
 * the menu may have gone by then. */
typedef struct
{
  GWeakRef        menu;
  AkAccountStore *store;
  AkAccount      *account;
} Removal;

static Removal *
removal_new (AkAccountMenu *self,
             AkAccount     *account)
{
  Removal *removal = g_new0 (Removal, 1);

  g_weak_ref_init (&removal->menu, self);
  removal->store = g_object_ref (self->store);
  removal->account = g_object_ref (account);

  return removal;
}

static void
removal_free (Removal *removal)
{
  g_weak_ref_clear (&removal->menu);
  g_clear_object (&removal->store);
  g_clear_object (&removal->account);
  g_free (removal);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Removal, removal_free)

static void
remove_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Removal) removal = user_data;
  g_autoptr(AkAccountMenu) self = g_weak_ref_get (&removal->menu);
  g_autoptr(GError) error = NULL;
  g_autoptr(AkConfirmation) message = NULL;

  if (ak_account_store_remove_finish (AK_ACCOUNT_STORE (object), result, &error))
    {
      if (self != NULL)
        g_signal_emit (self, signals [ACCOUNT_REMOVED], 0, removal->account);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self == NULL)
    return;

  message = ak_confirmation_new (_("The Account Was Not Removed"), error->message);
  ak_confirmation_add_response (message, "close", _("_Close"), ADW_RESPONSE_DEFAULT);
  ak_confirmation_choose_async (message, GTK_WIDGET (self), NULL, NULL, NULL);
}

static void
remove_chosen_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(Removal) removal = user_data;
  g_autoptr(AkAccountMenu) self = g_weak_ref_get (&removal->menu);
  g_autofree char *response = NULL;
  AkAccountStore *store;
  AkAccount *account;

  response = ak_confirmation_choose_finish (AK_CONFIRMATION (object), result, NULL);
  if (g_strcmp0 (response, "remove") != 0)
    return;

  /* The removal goes on to the store's callback, which owns it then. */
  store = removal->store;
  account = removal->account;
  g_debug ("Removing account %s", ak_account_get_id (account));
  ak_account_store_remove_async (store, account, self != NULL ? self->cancellable : NULL,
                                 remove_cb, g_steal_pointer (&removal));
}

/* Renaming ----------------------------------------------------------------- */

/* What a rename needs after the question or the store answers; the menu may
 * have gone by then. */
typedef struct
{
  GWeakRef        menu;
  GWeakRef        confirmation;
  AkAccountStore *store;
  AkAccount      *account;
  GtkEditable    *entry;
} Rename;

static void
rename_free (Rename *rename)
{
  g_weak_ref_clear (&rename->menu);
  g_weak_ref_clear (&rename->confirmation);
  g_clear_object (&rename->store);
  g_clear_object (&rename->account);
  g_signal_handlers_disconnect_by_data (rename->entry, rename);
  g_clear_object (&rename->entry);
  g_free (rename);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Rename, rename_free)

static char *
dup_new_name (Rename *rename)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (rename->entry)));
}

static void
rename_saved_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(Rename) rename = user_data;
  g_autoptr(AkAccountMenu) self = g_weak_ref_get (&rename->menu);
  g_autoptr(GError) error = NULL;
  g_autoptr(AkConfirmation) message = NULL;

  if (ak_account_store_save_finish (AK_ACCOUNT_STORE (object), result, &error))
    return;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self == NULL)
    return;

  message = ak_confirmation_new (_("The Account Was Not Renamed"), error->message);
  ak_confirmation_add_response (message, "close", _("_Close"), ADW_RESPONSE_DEFAULT);
  ak_confirmation_choose_async (message, GTK_WIDGET (self), NULL, NULL, NULL);
}

static void
rename_chosen_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(Rename) rename = user_data;
  g_autoptr(AkAccountMenu) self = g_weak_ref_get (&rename->menu);
  g_autoptr(AkAccount) renamed = NULL;
  g_autofree char *response = NULL;
  g_autofree char *name = NULL;
  AkAccountStore *store;

  response = ak_confirmation_choose_finish (AK_CONFIRMATION (object), result, NULL);
  name = dup_new_name (rename);
  if (g_strcmp0 (response, "rename") != 0 || *name == '\0')
    return;

  /* Saved like an edit: the copy's fields go onto the stored account, so
   * the menu and the window follow its name. Nothing is asked of the
   * server, and the secret stays as it is. */
  renamed = ak_account_copy (rename->account);
  ak_account_set_label (renamed, name);
  g_debug ("Renaming account %s", ak_account_get_id (renamed));

  /* The rename goes on to the store's callback, which owns it then. */
  store = rename->store;
  ak_account_store_save_async (store, renamed, NULL,
                               self != NULL ? self->cancellable : NULL,
                               rename_saved_cb, g_steal_pointer (&rename));
}

static void
rename_entry_changed_cb (GtkEditable *entry,
                         Rename      *rename)
{
  g_autoptr(AkConfirmation) confirmation = g_weak_ref_get (&rename->confirmation);
  g_autofree char *name = dup_new_name (rename);

  if (confirmation != NULL)
    ak_confirmation_set_response_enabled (confirmation, "rename", *name != '\0');
}

/* Enter renames, as the default answer would, once there is a name. */
static void
rename_entry_activate_cb (GtkEntry *entry,
                          Rename   *rename)
{
  g_autoptr(AkConfirmation) confirmation = g_weak_ref_get (&rename->confirmation);
  g_autofree char *name = dup_new_name (rename);

  if (confirmation != NULL && *name != '\0')
    ak_confirmation_respond (confirmation, "rename");
}

/* The name is what the question is about: it starts with the focus, all
 * of it selected, so typing replaces it. */
static void
rename_entry_map_cb (GtkWidget *entry,
                     gpointer   user_data)
{
  gtk_widget_grab_focus (entry);
  gtk_editable_select_region (GTK_EDITABLE (entry), 0, -1);
}

static void
rename_entry_destroy_cb (GtkWidget *entry,
                         Rename    *rename)
{
  g_signal_handlers_disconnect_by_data (entry, rename);
}

/* Asks for a new name for the current account, with its name filled in. */
static void
ak_account_menu_rename_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  AkAccountMenu *self = AK_ACCOUNT_MENU (widget);
  g_autoptr(AkConfirmation) question = NULL;
  Rename *rename;
  AkAccount *account;
  GtkWidget *box;
  GtkWidget *label;
  GtkWidget *entry;

  if (self->store == NULL || self->current_account == NULL)
    return;

  account = ak_account_store_find (self->store, ak_account_get_id (self->current_account));
  if (account == NULL)
    return;

  question = ak_confirmation_new (_("Rename Account"),
                                  _("The name is how this app shows the account. It is not "
                                    "changed on the server."));
  ak_confirmation_add_response (question, "cancel", _("_Cancel"), ADW_RESPONSE_DEFAULT);
  ak_confirmation_add_response (question, "rename", _("_Rename"), ADW_RESPONSE_SUGGESTED);
  ak_confirmation_set_default_response (question, "rename");
  ak_confirmation_set_close_response (question, "cancel");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  label = gtk_label_new_with_mnemonic (_("_Name"));
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_box_append (GTK_BOX (box), label);
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), ak_account_get_display_label (account));
  /* Also what names the field for a screen reader (labelled-by). */
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
  gtk_box_append (GTK_BOX (box), entry);
  ak_confirmation_set_extra_child (question, box);

  rename = g_new0 (Rename, 1);
  g_weak_ref_init (&rename->menu, self);
  g_weak_ref_init (&rename->confirmation, question);
  rename->store = g_object_ref (self->store);
  rename->account = g_object_ref (account);
  rename->entry = g_object_ref (GTK_EDITABLE (entry));

  /* The handlers go with the entry; the rename lives until it is answered. */
  g_signal_connect (entry, "changed", G_CALLBACK (rename_entry_changed_cb), rename);
  g_signal_connect (entry, "activate", G_CALLBACK (rename_entry_activate_cb), rename);
  g_signal_connect (entry, "map", G_CALLBACK (rename_entry_map_cb), NULL);
  g_signal_connect (entry, "destroy", G_CALLBACK (rename_entry_destroy_cb), rename);

  ak_confirmation_choose_async (question, GTK_WIDGET (self), NULL, rename_chosen_cb, rename);
}

static void
ak_account_menu_edit_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  AkAccountMenu *self = AK_ACCOUNT_MENU (widget);

  if (self->current_account == NULL)
    return;

  gtk_widget_activate_action (widget, "win.edit-account",
                              "s", ak_account_get_id (self->current_account));
}

/* Asks, then forgets the current account and its saved secret. */
static void
ak_account_menu_remove_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  AkAccountMenu *self = AK_ACCOUNT_MENU (widget);
  g_autoptr(AkConfirmation) question = NULL;
  g_autofree char *body = NULL;
  AkAccount *account;

  if (self->store == NULL || self->current_account == NULL)
    return;

  /* The stored object, which the store knows how to remove. */
  account = ak_account_store_find (self->store, ak_account_get_id (self->current_account));
  if (account == NULL)
    return;

  if (ak_account_get_auth_kind (account) == AK_AUTH_KIND_APPLICATION_CREDENTIAL)
    /* Translators: %s is the account's name. */
    body = g_strdup_printf (_("“%s” will be removed from this computer and the saved "
                              "secret of its application credential deleted. Its keys "
                              "on the server, that application credential included, "
                              "are not touched, and you can add the account again "
                              "later."),
                            ak_account_get_display_label (account));
  else
    /* Translators: %s is the account's name. */
    body = g_strdup_printf (_("“%s” will be removed from this computer and its saved "
                              "password deleted. Its access keys on the server are not "
                              "touched, and you can add the account again later."),
                            ak_account_get_display_label (account));

  question = ak_confirmation_new (_("Remove Account?"), body);
  ak_confirmation_add_response (question, "cancel", _("_Cancel"), ADW_RESPONSE_DEFAULT);
  ak_confirmation_add_response (question, "remove", _("_Remove"), ADW_RESPONSE_DESTRUCTIVE);
  ak_confirmation_set_default_response (question, "cancel");
  ak_confirmation_set_close_response (question, "cancel");
  ak_confirmation_choose_async (question, GTK_WIDGET (self), NULL,
                                remove_chosen_cb, removal_new (self, account));
}

static void
ak_account_menu_dispose (GObject *object)
{
  AkAccountMenu *self = (AkAccountMenu *)object;

  g_cancellable_cancel (self->cancellable);

  if (self->list_box != NULL)
    gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), AK_TYPE_ACCOUNT_MENU);

  g_clear_object (&self->store);
  g_clear_object (&self->current_account);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (ak_account_menu_parent_class)->dispose (object);
}

static void
ak_account_menu_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AkAccountMenu *self = AK_ACCOUNT_MENU (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_CURRENT_ACCOUNT:
      g_value_set_object (value, self->current_account);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ak_account_menu_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  AkAccountMenu *self = AK_ACCOUNT_MENU (object);

  switch (prop_id)
    {
    case PROP_STORE:
      ak_account_menu_set_store (self, g_value_get_object (value));
      break;

    case PROP_CURRENT_ACCOUNT:
      ak_account_menu_set_current_account (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ak_account_menu_class_init (AkAccountMenuClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ak_account_menu_dispose;
  object_class->get_property = ak_account_menu_get_property;
  object_class->set_property = ak_account_menu_set_property;

  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         AK_TYPE_ACCOUNT_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_CURRENT_ACCOUNT] =
    g_param_spec_object ("current-account", NULL, NULL,
                         AK_TYPE_ACCOUNT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AkAccountMenu::account-removed:
   * @self: the menu
   * @account: the account that was removed from the store and the keyring
   *
   * Emitted after a removal the person confirmed has finished.
   */
  signals [ACCOUNT_REMOVED] =
    g_signal_new ("account-removed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, AK_TYPE_ACCOUNT);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ak-account-menu.ui");
  gtk_widget_class_bind_template_child (widget_class, AkAccountMenu, button);
  gtk_widget_class_bind_template_child (widget_class, AkAccountMenu, button_label);
  gtk_widget_class_bind_template_child (widget_class, AkAccountMenu, list_box);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "account-menu.edit", NULL,
                                   ak_account_menu_edit_action);
  gtk_widget_class_install_action (widget_class, "account-menu.rename", NULL,
                                   ak_account_menu_rename_action);
  gtk_widget_class_install_action (widget_class, "account-menu.remove", NULL,
                                   ak_account_menu_remove_action);
}

static void
ak_account_menu_init (AkAccountMenu *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The accounts are a list box inside the menu, so each row can show a
   * check and follow its account's name. */
  gtk_popover_menu_add_child (GTK_POPOVER_MENU (gtk_menu_button_get_popover (self->button)),
                              GTK_WIDGET (self->list_box), "accounts");

  update_button (self);
  update_items (self);
}

/**
 * ak_account_menu_new:
 * @store: (nullable): the saved accounts
 *
 * Returns: (transfer floating): a new #AkAccountMenu
 */
GtkWidget *
ak_account_menu_new (AkAccountStore *store)
{
  g_return_val_if_fail (store == NULL || AK_IS_ACCOUNT_STORE (store), NULL);

  return g_object_new (AK_TYPE_ACCOUNT_MENU,
                       "store", store,
                       NULL);
}

/**
 * ak_account_menu_get_store:
 * @self: an #AkAccountMenu
 *
 * Returns: (transfer none) (nullable): the saved accounts listed
 */
AkAccountStore *
ak_account_menu_get_store (AkAccountMenu *self)
{
  g_return_val_if_fail (AK_IS_ACCOUNT_MENU (self), NULL);

  return self->store;
}

void
ak_account_menu_set_store (AkAccountMenu  *self,
                           AkAccountStore *store)
{
  g_return_if_fail (AK_IS_ACCOUNT_MENU (self));
  g_return_if_fail (store == NULL || AK_IS_ACCOUNT_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  gtk_list_box_bind_model (self->list_box,
                           G_LIST_MODEL (store),
                           create_row_cb,
                           self,
                           NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STORE]);
}

/**
 * ak_account_menu_get_current_account:
 * @self: an #AkAccountMenu
 *
 * Returns: (transfer none) (nullable): the account shown as in use
 */
AkAccount *
ak_account_menu_get_current_account (AkAccountMenu *self)
{
  g_return_val_if_fail (AK_IS_ACCOUNT_MENU (self), NULL);

  return self->current_account;
}

/**
 * ak_account_menu_set_current_account:
 * @self: an #AkAccountMenu
 * @account: (nullable): the account in use, or %NULL for none
 *
 * Names @account on the button and checks it in the list. The window calls
 * this once it has switched.
 */
void
ak_account_menu_set_current_account (AkAccountMenu *self,
                                     AkAccount     *account)
{
  g_return_if_fail (AK_IS_ACCOUNT_MENU (self));
  g_return_if_fail (account == NULL || AK_IS_ACCOUNT (account));

  if (self->current_account == account)
    return;

  if (self->current_account != NULL)
    g_signal_handlers_disconnect_by_func (self->current_account,
                                          display_label_changed_cb,
                                          self);

  g_set_object (&self->current_account, account);

  if (account != NULL)
    g_signal_connect_object (account, "notify::display-label",
                             G_CALLBACK (display_label_changed_cb), self,
                             G_CONNECT_SWAPPED);

  update_button (self);
  update_items (self);
  update_checks (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CURRENT_ACCOUNT]);
}

void
ak_account_menu_popup (AkAccountMenu *self)
{
  g_return_if_fail (AK_IS_ACCOUNT_MENU (self));

  gtk_menu_button_popup (self->button);
}

void
ak_account_menu_popdown (AkAccountMenu *self)
{
  g_return_if_fail (AK_IS_ACCOUNT_MENU (self));

  gtk_menu_button_popdown (self->button);
}
