/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-replace-dialog"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ak-a11y-private.h"
#include "ak-date-format.h"
#include "ak-error.h"
#include "ak-key-snippet.h"
#include "ak-replace-dialog.h"
#include "ak-secret.h"
#include "ak-ui-util-private.h"
#include "ak-util-private.h"

/* Replaces a key in three steps (rotation): what will happen, with the new
 * key's name and expiry; the new key's secret, shown once, with settings
 * to copy; and whether to delete the old key now. The new key is made by
 * the session, which lists it and records it in History at once, so that a
 * dialog closed at any step loses nothing: the new key is in the list, and
 * the old one stays until the person deletes it. The old key is deleted by
 * the window's own delete path (its confirmation, and Undo for EC2 keys),
 * which the dialog asks for through ::delete-old. */
struct _AkReplaceDialog
{
  AdwWindow            parent_instance;

  /* template children */
  AdwToastOverlay     *toast_overlay;
  GtkButton           *cancel_button;
  GtkButton           *create_button;
  GtkButton           *next_button;
  GtkSpinner          *spinner;
  GtkStack            *stack;
  GtkWidget           *form;
  GtkLabel            *message_label;
  GtkLabel            *heading_label;
  GtkLabel            *intro_label;
  AdwPreferencesGroup *options_group;
  AdwEntryRow         *name_row;
  AdwExpanderRow      *expiry_row;
  GtkCalendar         *expiry_calendar;
  GtkLabel            *expiry_error_label;
  GtkLabel            *created_label;
  AdwActionRow        *id_row;
  AdwActionRow        *secret_row;
  GtkWidget           *secret_copy_button;
  GtkWidget           *clouds_yaml_button;
  GtkWidget           *openrc_button;
  GtkWidget           *delete_old_button;

  /* owned references */
  AkAccountSession    *session;
  AkKey               *key;
  AkKey               *new_key;
  AkSecret            *secret;

  /* A create the session sent: never cancelled, so closing waits for it. */
  gboolean             busy;
  /* Another user's application credential, which only they can replace. */
  gboolean             not_ours;
};

G_DEFINE_FINAL_TYPE (AkReplaceDialog, ak_replace_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_KEY,
  PROP_BUSY,
  N_PROPS
};

enum {
  CREATED,
  DELETE_OLD,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static gboolean
is_app_cred (AkReplaceDialog *self)
{
  return ak_key_get_kind (self->key) == AK_KEY_KIND_APPLICATION_CREDENTIAL;
}

/* The chosen expiry: the end of the chosen day where the person is, or the
 * old key's own (NULL for never). */
static GDateTime *
dup_expiry (AkReplaceDialog *self)
{
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) end = NULL;
  GDateTime *old = ak_key_get_expires_at (self->key);

  if (!adw_expander_row_get_enable_expansion (self->expiry_row))
    return old != NULL ? g_date_time_ref (old) : NULL;

  day = gtk_calendar_get_date (self->expiry_calendar);
  end = g_date_time_new_local (g_date_time_get_year (day),
                               g_date_time_get_month (day),
                               g_date_time_get_day_of_month (day),
                               23, 59, 59);

  return g_date_time_to_utc (end);
}

static gboolean
expiry_is_valid (AkReplaceDialog *self)
{
  g_autoptr(GDateTime) expiry = dup_expiry (self);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return expiry == NULL || g_date_time_compare (expiry, now) > 0;
}

static gboolean
can_create (AkReplaceDialog *self)
{
  if (self->busy || self->new_key != NULL || self->not_ours)
    return FALSE;

  if (!is_app_cred (self))
    return TRUE;

  return !_ak_str_is_blank (gtk_editable_get_text (GTK_EDITABLE (self->name_row))) &&
         expiry_is_valid (self);
}

static void
update_expiry_subtitle (AkReplaceDialog *self)
{
  GDateTime *old = ak_key_get_expires_at (self->key);
  g_autofree char *date = NULL;
  g_autofree char *text = NULL;

  if (adw_expander_row_get_enable_expansion (self->expiry_row))
    {
      g_autoptr(GDateTime) expiry = dup_expiry (self);

      date = ak_date_format_medium (expiry);
      adw_expander_row_set_subtitle (self->expiry_row, date);
      return;
    }

  if (old == NULL)
    /* Translators: in the Replace dialog, when no new expiry date is
     * chosen and the old key never expires. */
    text = g_strdup (_("Off: never expires, like the old one"));
  else
    {
      date = ak_date_format_medium (old);
      /* Translators: in the Replace dialog, when no new expiry date is
       * chosen; %s is the old key's expiry date. */
      text = g_strdup_printf (_("Off: expires on %s, like the old one"), date);
    }

  adw_expander_row_set_subtitle (self->expiry_row, text);
}

static void
update_state (AkReplaceDialog *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  gboolean explaining = g_strcmp0 (page, "explain") == 0;
  gboolean showing_secret = g_strcmp0 (page, "secret") == 0;

  gtk_widget_set_sensitive (GTK_WIDGET (self->create_button), can_create (self));
  gtk_widget_set_visible (GTK_WIDGET (self->create_button), explaining);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), explaining);
  gtk_widget_set_visible (GTK_WIDGET (self->next_button), showing_secret);
  _ak_form_set_busy (self->form, self->spinner, GTK_WIDGET (self->cancel_button), self->busy);
  /* A create the session sent cannot be called back. */
  if (self->busy)
    gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->expiry_error_label),
                          is_app_cred (self) && !expiry_is_valid (self));
  update_expiry_subtitle (self);
}

static void
show_message (AkReplaceDialog *self,
              const char      *message)
{
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

/* How a key is named to a person: its name where it has one, else its ID. */
static const char *
key_label (AkKey *key)
{
  const char *name = ak_key_get_name (key);

  return name != NULL && *name != '\0' ? name : ak_key_get_id (key);
}

/* Forgets the secret: the copy in memory is wiped and the row emptied. */
static void
clear_secret (AkReplaceDialog *self)
{
  g_clear_pointer (&self->secret, ak_secret_unref);

  if (self->secret_row != NULL)
    adw_action_row_set_subtitle (self->secret_row, "");
}

static void
show_secret (AkReplaceDialog *self)
{
  g_autofree char *created = NULL;

  if (is_app_cred (self))
    /* Translators: in the Replace dialog; %s is the new application
     * credential's name. */
    created = g_strdup_printf (_("The new application credential “%s” is ready."),
                               key_label (self->new_key));
  else
    /* Translators: in the Replace dialog; %s is the new access key's ID. */
    created = g_strdup_printf (_("The new access key %s is ready."),
                               ak_key_get_id (self->new_key));
  gtk_label_set_text (self->created_label, created);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->id_row),
                                 is_app_cred (self) ? _("Application Credential ID")
                                                    : _("Access Key ID"));
  adw_action_row_set_subtitle (self->id_row, ak_key_get_id (self->new_key));

  gtk_widget_set_visible (GTK_WIDGET (self->secret_row), self->secret != NULL);
  gtk_widget_set_visible (self->openrc_button, self->secret != NULL);
  gtk_widget_set_visible (self->clouds_yaml_button, self->secret != NULL && is_app_cred (self));
  if (self->secret != NULL)
    adw_action_row_set_subtitle (self->secret_row, ak_secret_get (self->secret));

  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->next_button));
  gtk_stack_set_visible_child_name (self->stack, "secret");
  update_state (self);
  gtk_widget_grab_focus (self->secret != NULL ? self->secret_copy_button
                                              : GTK_WIDGET (self->next_button));
}

static void
create_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(AkReplaceDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AkSecret) secret = NULL;
  g_autoptr(AkKey) key = NULL;

  key = ak_account_session_create_key_finish (AK_ACCOUNT_SESSION (object), result, &secret,
                                              &error);
  self->busy = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BUSY]);

  /* Closed meanwhile: the key is in the list all the same, and the secret
   * is wiped unseen. */
  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;

  if (key == NULL)
    {
      /* A lost answer says so: the session has listed again, and a key it
       * found is in the list, its secret no longer to be shown. */
      show_message (self, error->message);
      update_state (self);
      return;
    }

  self->new_key = g_steal_pointer (&key);
  self->secret = g_steal_pointer (&secret);
  g_signal_emit (self, signals [CREATED], 0, self->new_key);
  show_secret (self);
}

static void
create_clicked_cb (AkReplaceDialog *self)
{
  g_autoptr(GDateTime) expires_at = NULL;
  g_autofree char *name = NULL;

  if (!can_create (self))
    return;

  show_message (self, NULL);

  if (is_app_cred (self))
    {
      name = _ak_entry_row_dup_text (self->name_row);
      expires_at = dup_expiry (self);
    }

  self->busy = TRUE;
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BUSY]);

  ak_account_session_create_key_like_async (self->session, self->key, name,
                                            ak_key_get_description (self->key), expires_at,
                                            create_cb, g_object_ref (self));
}

static void
cancel_clicked_cb (AkReplaceDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
next_clicked_cb (AkReplaceDialog *self)
{
  /* Shown once: the secret goes when the person moves on. */
  clear_secret (self);
  gtk_stack_set_visible_child_name (self->stack, "switch");
  update_state (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->delete_old_button));
}

static void
keep_clicked_cb (AkReplaceDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
delete_old_clicked_cb (AkReplaceDialog *self)
{
  g_autoptr(AkKey) old = g_object_ref (self->key);

  /* The window asks, as for any delete, once this dialog is out of the way. */
  gtk_window_close (GTK_WINDOW (self));
  g_signal_emit (self, signals [DELETE_OLD], 0, old);
}

static void
copy_text (AkReplaceDialog *self,
           const char      *text,
           const char      *toast)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (toast));
}

static void
copy_id_clicked_cb (AkReplaceDialog *self)
{
  if (self->new_key != NULL)
    copy_text (self, ak_key_get_id (self->new_key), _("ID copied"));
}

static void
copy_secret_clicked_cb (AkReplaceDialog *self)
{
  if (self->secret != NULL)
    copy_text (self, ak_secret_get (self->secret), _("Secret copied"));
}

static const char *
auth_url (AkReplaceDialog *self)
{
  AkAccount *account = ak_account_session_get_account (self->session);

  return account != NULL ? ak_account_get_auth_url (account) : NULL;
}

static void
copy_clouds_yaml_clicked_cb (AkReplaceDialog *self)
{
  g_autoptr(AkSecret) snippet = NULL;

  if (self->secret == NULL)
    return;

  snippet = ak_key_snippet_clouds_yaml (self->new_key, self->secret, auth_url (self));
  if (snippet != NULL)
    /* Translators: clouds.yaml is a file name. */
    copy_text (self, ak_secret_get (snippet), _("clouds.yaml entry copied"));
}

static void
copy_openrc_clicked_cb (AkReplaceDialog *self)
{
  g_autoptr(AkSecret) snippet = NULL;

  if (self->secret == NULL)
    return;

  snippet = ak_key_snippet_openrc (self->new_key, self->secret, auth_url (self));
  /* Translators: openrc is a file name. */
  copy_text (self, ak_secret_get (snippet), _("openrc lines copied"));
}

static void
field_changed_cb (AkReplaceDialog *self)
{
  update_state (self);
}

static gboolean
ak_replace_dialog_close_request (GtkWindow *window)
{
  AkReplaceDialog *self = (AkReplaceDialog *)window;

  /* Not while the create runs: its secret would be lost unseen. */
  if (self->busy)
    return TRUE;

  clear_secret (self);

  return GTK_WINDOW_CLASS (ak_replace_dialog_parent_class)->close_request (window);
}

/**
 * ak_replace_dialog_derive_name:
 * @old_name: (nullable): the name of the key being replaced
 *
 * The replacement's name: "ci-deploy" becomes "ci-deploy-2", and
 * "ci-deploy-2" becomes "ci-deploy-3", so that names stay unique for their
 * user and say which came after which.
 *
 * Returns: (transfer full) (nullable): the new name, or %NULL for none
 */
char *
ak_replace_dialog_derive_name (const char *old_name)
{
  const char *dash;
  guint64 n = 0;

  if (old_name == NULL || *old_name == '\0')
    return NULL;

  dash = strrchr (old_name, '-');
  if (dash != NULL && dash != old_name && dash[1] != '\0' &&
      g_ascii_string_to_unsigned (dash + 1, 10, 1, G_MAXUINT32, &n, NULL))
    return g_strdup_printf ("%.*s-%" G_GUINT64_FORMAT, (int)(dash - old_name), old_name,
                            n + 1);

  return g_strdup_printf ("%s-2", old_name);
}

static void
ak_replace_dialog_constructed (GObject *object)
{
  AkReplaceDialog *self = (AkReplaceDialog *)object;
  g_autofree char *heading = NULL;
  g_autofree char *name = NULL;
  GDateTime *old_expiry;

  G_OBJECT_CLASS (ak_replace_dialog_parent_class)->constructed (object);

  if (is_app_cred (self))
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Replace Application Credential"));
      /* Translators: %s is the application credential's name. */
      heading = g_strdup_printf (_("Replace the application credential “%s”"),
                                 key_label (self->key));
      gtk_label_set_text (self->intro_label,
                          _("A new application credential is made for the same user and "
                            "project, allowed to do the same as the old one. Its secret is "
                            "shown once. Then you switch your programs to it, and delete the "
                            "old one when none uses it any more. Until then both work."));
      name = ak_replace_dialog_derive_name (ak_key_get_name (self->key));
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), name != NULL ? name : "");
    }
  else
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Replace Access Key"));
      /* Translators: %s is the access key's ID. */
      heading = g_strdup_printf (_("Replace the access key %s"), ak_key_get_id (self->key));
      gtk_label_set_text (self->intro_label,
                          _("A new access key is made for the same user and project. Its "
                            "secret is shown once. Then you switch your programs to it, and "
                            "delete the old one when none uses it any more. Until then both "
                            "work."));
    }
  gtk_label_set_text (self->heading_label, heading);

  /* Keystone makes an application credential only for the signed-in user:
   * say so now rather than after Create. */
  if (is_app_cred (self))
    {
      AkAccount *account = ak_account_session_get_account (self->session);
      const char *me = account != NULL ? ak_account_get_username (account) : NULL;
      const char *owner = ak_key_get_user_name (self->key);

      self->not_ours = me != NULL && owner != NULL && g_strcmp0 (me, owner) != 0;
      if (self->not_ours)
        show_message (self, _("Only its owner can replace an application credential. Ask "
                              "them to sign in to this app and replace it."));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->options_group), is_app_cred (self));

  /* A key that has expired is replaced by one with a date to come. */
  old_expiry = ak_key_get_expires_at (self->key);
  if (old_expiry != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      if (g_date_time_compare (old_expiry, now) <= 0)
        adw_expander_row_set_enable_expansion (self->expiry_row, TRUE);
    }

  update_state (self);
}

static void
ak_replace_dialog_dispose (GObject *object)
{
  AkReplaceDialog *self = (AkReplaceDialog *)object;

  clear_secret (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), AK_TYPE_REPLACE_DIALOG);

  g_clear_object (&self->session);
  g_clear_object (&self->key);
  g_clear_object (&self->new_key);

  G_OBJECT_CLASS (ak_replace_dialog_parent_class)->dispose (object);
}

static void
ak_replace_dialog_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AkReplaceDialog *self = AK_REPLACE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_KEY:
      g_value_set_object (value, self->key);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ak_replace_dialog_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AkReplaceDialog *self = AK_REPLACE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    case PROP_KEY:
      self->key = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ak_replace_dialog_class_init (AkReplaceDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = ak_replace_dialog_constructed;
  object_class->dispose = ak_replace_dialog_dispose;
  object_class->get_property = ak_replace_dialog_get_property;
  object_class->set_property = ak_replace_dialog_set_property;

  window_class->close_request = ak_replace_dialog_close_request;

  properties [PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         AK_TYPE_ACCOUNT_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_KEY] =
    g_param_spec_object ("key", NULL, NULL,
                         AK_TYPE_KEY,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AkReplaceDialog::created:
   * @self: the dialog
   * @key: the new key, without its secret
   *
   * Emitted as soon as the server has made the new key.
   */
  signals [CREATED] =
    g_signal_new ("created",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, AK_TYPE_KEY);

  /**
   * AkReplaceDialog::delete-old:
   * @self: the dialog
   * @key: the key that was replaced
   *
   * Emitted when the person has switched to the new key and wants the old
   * one deleted; the dialog has closed.
   */
  signals [DELETE_OLD] =
    g_signal_new ("delete-old",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, AK_TYPE_KEY);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ak-replace-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AkReplaceDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AkReplaceDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, AkReplaceDialog, create_button);
  gtk_widget_class_bind_template_child (widget_class, AkReplaceDialog, next_button);
  gtk_widget_class_bind_template_child (widget_class, AkReplaceDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, AkReplaceDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, AkReplaceDialog, form);
  gtk_widget_class_bind_template_child (widget_class, AkReplaceDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, AkReplaceDialog, heading_label);
  gtk_widget_class_bind_template_child (widget_class, AkReplaceDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, AkReplaceDialog, options_group);
  gtk_widget_class_bind_template_child (widget_class, AkReplaceDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, AkReplaceDialog, expiry_row);
  gtk_widget_class_bind_template_child (widget_class, AkReplaceDialog, expiry_calendar);
  gtk_widget_class_bind_template_child (widget_class, AkReplaceDialog, expiry_error_label);
  gtk_widget_class_bind_template_child (widget_class, AkReplaceDialog, created_label);
  gtk_widget_class_bind_template_child (widget_class, AkReplaceDialog, id_row);
  gtk_widget_class_bind_template_child (widget_class, AkReplaceDialog, secret_row);
  gtk_widget_class_bind_template_child (widget_class, AkReplaceDialog, secret_copy_button);
  gtk_widget_class_bind_template_child (widget_class, AkReplaceDialog, clouds_yaml_button);
  gtk_widget_class_bind_template_child (widget_class, AkReplaceDialog, openrc_button);
  gtk_widget_class_bind_template_child (widget_class, AkReplaceDialog, delete_old_button);
  gtk_widget_class_bind_template_callback (widget_class, create_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, next_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, keep_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, delete_old_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_id_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_secret_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_clouds_yaml_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_openrc_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ak_replace_dialog_init (AkReplaceDialog *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) later = g_date_time_add_days (now, 90);

  gtk_widget_init_template (GTK_WIDGET (self));
  _ak_calendar_name_buttons (self->expiry_calendar);
  gtk_calendar_select_day (self->expiry_calendar, later);
}

/**
 * ak_replace_dialog_new:
 * @parent: the window to be modal for
 * @session: a signed-in session to create the new key through
 * @key: the key to replace
 *
 * Returns: (transfer none): a new dialog; present it
 */
AkReplaceDialog *
ak_replace_dialog_new (GtkWindow        *parent,
                       AkAccountSession *session,
                       AkKey            *key)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (AK_IS_ACCOUNT_SESSION (session), NULL);
  g_return_val_if_fail (AK_IS_KEY (key), NULL);

  return g_object_new (AK_TYPE_REPLACE_DIALOG,
                       "transient-for", parent,
                       "session", session,
                       "key", key,
                       NULL);
}

/**
 * ak_replace_dialog_get_key:
 * @self: an #AkReplaceDialog
 *
 * Returns: (transfer none): the key being replaced
 */
AkKey *
ak_replace_dialog_get_key (AkReplaceDialog *self)
{
  g_return_val_if_fail (AK_IS_REPLACE_DIALOG (self), NULL);

  return self->key;
}

/**
 * ak_replace_dialog_get_new_key:
 * @self: an #AkReplaceDialog
 *
 * Returns: (transfer none) (nullable): the key made to replace it, once made
 */
AkKey *
ak_replace_dialog_get_new_key (AkReplaceDialog *self)
{
  g_return_val_if_fail (AK_IS_REPLACE_DIALOG (self), NULL);

  return self->new_key;
}

gboolean
ak_replace_dialog_get_busy (AkReplaceDialog *self)
{
  g_return_val_if_fail (AK_IS_REPLACE_DIALOG (self), FALSE);

  return self->busy;
}
