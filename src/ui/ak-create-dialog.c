/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-create-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ak-a11y-private.h"
#include "ak-date-format.h"
#include "ak-create-dialog.h"
#include "ak-error.h"
#include "ak-key.h"
#include "ak-secret.h"
#include "ak-ui-util-private.h"
#include "ak-util-private.h"

/* How far ahead the expiry date starts, in days. */
#define DEFAULT_EXPIRY_DAYS 90

/* Creates one key and shows its secret this once. The secret lives in this
 * dialog only until it closes: then it is wiped and the label emptied. */
struct _AkCreateDialog
{
  AdwWindow            parent_instance;

  /* template children */
  AdwToastOverlay     *toast_overlay;
  GtkButton           *cancel_button;
  GtkButton           *create_button;
  GtkButton           *done_button;
  GtkSpinner          *spinner;
  GtkStack            *stack;
  GtkWidget           *form;
  GtkLabel            *message_label;
  GtkLabel            *intro_label;
  GtkLabel            *owner_label;
  AdwPreferencesGroup *owner_group;
  AdwComboRow         *owner_row;
  AdwPreferencesGroup *kind_group;
  GtkCheckButton      *ec2_check;
  GtkCheckButton      *app_cred_check;
  AdwPreferencesGroup *details_group;
  AdwEntryRow         *name_row;
  AdwEntryRow         *description_row;
  AdwExpanderRow      *expiry_row;
  GtkCalendar         *expiry_calendar;
  GtkLabel            *expiry_error_label;
  GtkLabel            *created_label;
  GtkLabel            *id_title_label;
  GtkLabel            *id_label;
  GtkWidget           *id_copy_button;
  GtkLabel            *secret_title_label;
  GtkLabel            *secret_label;
  GtkWidget           *secret_copy_button;

  /* owned references */
  AkProvider          *provider;
  /* Where the key is created when the window's session does it: such a
   * create is never cancelled, so Cancel and closing wait for its answer. */
  AkAccountSession    *session;
  AkKey               *key;
  AkSecret            *secret;
  GCancellable        *cancellable;
  /* The owners an administrator may choose for an EC2 key, in the order of
   * the Owner row after "you": keys without an ID that say whose and where. */
  GPtrArray           *owners;
};

G_DEFINE_FINAL_TYPE (AkCreateDialog, ak_create_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_PROVIDER,
  PROP_SESSION,
  PROP_BUSY,
  N_PROPS
};

enum {
  CREATED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static gboolean
is_busy (AkCreateDialog *self)
{
  return self->cancellable != NULL;
}

static gboolean
wants_app_cred (AkCreateDialog *self)
{
  return gtk_check_button_get_active (self->app_cred_check);
}

/* The end of the chosen day where the person is, or NULL for no expiry. */
static GDateTime *
dup_expiry (AkCreateDialog *self)
{
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) end = NULL;

  if (!adw_expander_row_get_enable_expansion (self->expiry_row))
    return NULL;

  day = gtk_calendar_get_date (self->expiry_calendar);
  end = g_date_time_new_local (g_date_time_get_year (day),
                               g_date_time_get_month (day),
                               g_date_time_get_day_of_month (day),
                               23, 59, 59);

  return g_date_time_to_utc (end);
}

static gboolean
expiry_is_valid (AkCreateDialog *self)
{
  g_autoptr(GDateTime) expiry = dup_expiry (self);
  g_autoptr(GDateTime) now = NULL;

  if (expiry == NULL)
    return TRUE;

  now = g_date_time_new_now_utc ();

  return g_date_time_compare (expiry, now) > 0;
}

static void
update_expiry_subtitle (AkCreateDialog *self)
{
  g_autoptr(GDateTime) expiry = dup_expiry (self);
  g_autofree char *text = NULL;

  if (expiry == NULL)
    {
      adw_expander_row_set_subtitle (self->expiry_row, _("Never"));
      return;
    }

  text = ak_date_format_medium (expiry);
  adw_expander_row_set_subtitle (self->expiry_row, text);
}

static gboolean
can_create (AkCreateDialog *self)
{
  if (is_busy (self) || self->key != NULL)
    return FALSE;

  /* Before construction is over there is no provider yet. */
  if (self->provider == NULL)
    return FALSE;

  if (!wants_app_cred (self))
    return ak_provider_has_feature (self->provider, AK_PROVIDER_FEATURE_CREATE_EC2);

  return !_ak_str_is_blank (gtk_editable_get_text (GTK_EDITABLE (self->name_row))) &&
         expiry_is_valid (self);
}

/* The title and the Create button name the kind of key being made, and
 * follow the kind chosen. */
static void
update_kind_texts (AkCreateDialog *self)
{
  gboolean app_cred = wants_app_cred (self);

  if (self->key != NULL)
    return;

  gtk_window_set_title (GTK_WINDOW (self),
                        app_cred ? _("New Application Credential") : _("New Access Key"));
  gtk_button_set_label (self->create_button,
                        app_cred ? _("C_reate Application Credential")
                                 : _("C_reate Access Key"));
}

/* The owner chosen for an EC2 key: a template key, or NULL for the
 * signed-in user. */
static AkKey *
chosen_owner (AkCreateDialog *self)
{
  guint selected;

  if (self->owners == NULL || wants_app_cred (self) ||
      !gtk_widget_get_visible (GTK_WIDGET (self->owner_group)))
    return NULL;

  selected = adw_combo_row_get_selected (self->owner_row);
  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > self->owners->len)
    return NULL;

  return g_ptr_array_index (self->owners, selected - 1);
}

static const char *
signed_in_user_name (AkCreateDialog *self)
{
  AkAccount *account = ak_account_session_get_account (self->session);

  return account != NULL ? ak_account_get_username (account) : NULL;
}

static gboolean
shows_all_users (AkCreateDialog *self)
{
  return self->session != NULL &&
         ak_account_session_get_scope (self->session) == AK_KEY_SCOPE_ALL_USERS;
}

/* The other users, each with a project, whose keys the list shows: Keystone
 * lets an administrator make an EC2 key for anyone (but an application
 * credential only for oneself). */
static void
fill_owners (AkCreateDialog *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GtkStringList) labels = NULL;
  g_autofree char *you = NULL;
  GListModel *keys;
  const char *me;

  if (!shows_all_users (self) ||
      !ak_provider_has_feature (self->provider, AK_PROVIDER_FEATURE_CREATE_EC2))
    return;

  me = signed_in_user_name (self);
  self->owners = g_ptr_array_new_with_free_func (g_object_unref);
  keys = ak_account_session_get_keys (self->session);
  for (guint i = 0; i < g_list_model_get_n_items (keys); i++)
    {
      g_autoptr(AkKey) key = g_list_model_get_item (keys, i);
      const char *user_id = ak_key_get_user_id (key);
      g_autofree char *identity = NULL;
      AkKey *owner;

      if (user_id == NULL || g_strcmp0 (ak_key_get_user_name (key), me) == 0)
        continue;

      identity = g_strdup_printf ("%s\n%s", user_id,
                                  ak_key_get_project_id (key) != NULL
                                    ? ak_key_get_project_id (key)
                                    : ak_key_get_project (key) != NULL
                                      ? ak_key_get_project (key) : "");
      if (!g_hash_table_add (seen, g_steal_pointer (&identity)))
        continue;

      owner = g_object_new (AK_TYPE_KEY, "kind", AK_KEY_KIND_EC2, "id", "", NULL);
      ak_key_set_user_id (owner, user_id);
      ak_key_set_user_name (owner, ak_key_get_user_name (key));
      ak_key_set_project_id (owner, ak_key_get_project_id (key));
      ak_key_set_project_name (owner, ak_key_get_project_name (key));
      g_ptr_array_add (self->owners, owner);
    }

  if (self->owners->len == 0)
    return;

  if (me != NULL && *me != '\0')
    /* Translators: the first choice of the create dialog's Owner row; %s
     * is the signed-in user's name. */
    you = g_strdup_printf (_("You (%s)"), me);
  else
    /* Translators: the first choice of the create dialog's Owner row. */
    you = g_strdup (_("You"));

  labels = gtk_string_list_new (NULL);
  gtk_string_list_append (labels, you);
  for (guint i = 0; i < self->owners->len; i++)
    {
      AkKey *owner = g_ptr_array_index (self->owners, i);
      g_autofree char *label = NULL;

      if (ak_key_get_project (owner) != NULL)
        /* Translators: a choice of the create dialog's Owner row: a user
         * and the project the new access key works in. */
        label = g_strdup_printf (_("%s, project %s"), ak_key_get_owner (owner),
                                 ak_key_get_project (owner));
      else
        label = g_strdup (ak_key_get_owner (owner));
      gtk_string_list_append (labels, label);
    }
  adw_combo_row_set_model (self->owner_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->owner_row, 0);
}

/* In All Users the list shows everyone's keys; the dialog says whose the
 * new one will be: the signed-in user's, or for an EC2 key the user an
 * administrator chose. */
static void
update_owner_label (AkCreateDialog *self)
{
  AkKey *owner;
  const char *user_name;
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->owner_group),
                          self->owners != NULL && self->owners->len > 0 &&
                          !wants_app_cred (self) && self->key == NULL);

  if (!shows_all_users (self))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->owner_label), FALSE);
      return;
    }

  owner = chosen_owner (self);
  user_name = signed_in_user_name (self);
  if (owner != NULL && ak_key_get_project (owner) != NULL)
    /* Translators: shown in the create dialog when an administrator chose
     * another user; the first %s is the user, the second the project. */
    text = g_strdup_printf (_("The key will belong to %s, in the project %s."),
                            ak_key_get_owner (owner), ak_key_get_project (owner));
  else if (owner != NULL)
    /* Translators: shown in the create dialog when an administrator chose
     * another user; %s is the user. */
    text = g_strdup_printf (_("The key will belong to %s."), ak_key_get_owner (owner));
  else if (user_name == NULL || *user_name == '\0')
    /* Translators: shown in the create dialog while the list shows every
     * user's keys, when the app does not know the signed-in user's name. */
    text = g_strdup (_("The key will belong to you, the signed-in user, not to "
                       "another user."));
  else
    /* Translators: shown in the create dialog while the list shows every
     * user's keys; %s is the signed-in user's name. */
    text = g_strdup_printf (_("The key will belong to you, %s."), user_name);

  gtk_label_set_text (self->owner_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->owner_label), TRUE);
}

static void
update_state (AkCreateDialog *self)
{
  gboolean busy = is_busy (self);
  gboolean done = self->key != NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->create_button), can_create (self));
  gtk_widget_set_visible (GTK_WIDGET (self->create_button), !done);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), !done);
  gtk_widget_set_visible (GTK_WIDGET (self->done_button), done);
  _ak_form_set_busy (self->form, self->spinner, GTK_WIDGET (self->cancel_button), busy);
  /* A create the session sent cannot be called back. */
  if (self->session != NULL && busy)
    gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->details_group), wants_app_cred (self));
  update_kind_texts (self);
  update_owner_label (self);
  gtk_widget_set_visible (GTK_WIDGET (self->expiry_error_label),
                          wants_app_cred (self) && !expiry_is_valid (self));
  update_expiry_subtitle (self);
}

static void
show_message (AkCreateDialog *self,
              const char     *message)
{
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

/* The created dialog's heading names the key: by its name where it has
 * one, else by its ID. */
static char *
dup_created_heading (AkKey *key)
{
  const char *name = ak_key_get_name (key);

  if (ak_key_get_kind (key) != AK_KEY_KIND_APPLICATION_CREDENTIAL)
    /* Translators: the heading of the created dialog; %s is the new access
     * key's ID. */
    return g_strdup_printf (_("Access key %s is ready."), ak_key_get_id (key));

  if (name != NULL && *name != '\0')
    /* Translators: the heading of the created dialog; %s is the new
     * application credential's name. */
    return g_strdup_printf (_("Application credential “%s” is ready."), name);

  /* Translators: the heading of the created dialog; %s is the new
   * application credential's ID. */
  return g_strdup_printf (_("Application credential %s is ready."), ak_key_get_id (key));
}

static void
show_result (AkCreateDialog *self)
{
  gboolean app_cred = ak_key_get_kind (self->key) == AK_KEY_KIND_APPLICATION_CREDENTIAL;
  const char *id_title = app_cred ? _("Application Credential ID") : _("Access Key ID");
  g_autofree char *copy_id = NULL;
  g_autofree char *created = NULL;

  gtk_window_set_title (GTK_WINDOW (self),
                        app_cred ? _("Application Credential Created")
                                 : _("Access Key Created"));
  gtk_label_set_text (self->id_title_label, id_title);
  created = dup_created_heading (self->key);
  gtk_label_set_text (self->created_label, created);
  gtk_label_set_text (self->id_label, ak_key_get_id (self->key));

  /* Translators: the tooltip and accessible name of a copy button; %s is
   * "Access Key ID" or "Application Credential ID". */
  copy_id = g_strdup_printf (_("Copy %s"), id_title);
  gtk_widget_set_tooltip_text (self->id_copy_button, copy_id);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->id_copy_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, copy_id,
                                  -1);

  if (self->secret != NULL)
    gtk_label_set_text (self->secret_label, ak_secret_get (self->secret));

  gtk_widget_set_visible (GTK_WIDGET (self->secret_title_label), self->secret != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->secret_label), self->secret != NULL);
  gtk_widget_set_visible (self->secret_copy_button, self->secret != NULL);

  /* Focus moves to Done before the form goes, so that no entry of the
   * form keeps a focus it can no longer lose. */
  update_state (self);
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->done_button));
  gtk_widget_grab_focus (GTK_WIDGET (self->done_button));
  gtk_stack_set_visible_child_name (self->stack, "result");
  gtk_widget_grab_focus (self->secret != NULL ? self->secret_copy_button
                                              : GTK_WIDGET (self->done_button));
}

/* Forgets the secret: the copy in memory is wiped and the label emptied. */
static void
clear_secret (AkCreateDialog *self)
{
  g_clear_pointer (&self->secret, ak_secret_unref);

  if (self->secret_label != NULL)
    gtk_label_set_text (self->secret_label, "");
}

typedef struct
{
  AkCreateDialog *self;
  GCancellable   *cancellable;
} Attempt;

static void
attempt_free (Attempt *attempt)
{
  g_clear_object (&attempt->self);
  g_clear_object (&attempt->cancellable);
  g_free (attempt);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Attempt, attempt_free)

static void
create_done (Attempt  *attempt,
             AkKey    *created,
             AkSecret *created_secret,
             GError   *error)
{
  AkCreateDialog *self = attempt->self;
  g_autoptr(AkSecret) secret = created_secret;
  g_autoptr(AkKey) key = created;

  /* Cancelled or closed: the secret is dropped (and wiped) unseen. */
  if (self->cancellable != attempt->cancellable ||
      g_cancellable_is_cancelled (attempt->cancellable))
    return;

  g_clear_object (&self->cancellable);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BUSY]);

  if (key == NULL)
    {
      update_state (self);
      show_message (self, error->message);
      if (g_error_matches (error, AK_ERROR, AK_ERROR_CONFLICT))
        gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      return;
    }

  g_debug ("Created key %s", ak_key_get_id (key));

  self->key = g_steal_pointer (&key);
  self->secret = g_steal_pointer (&secret);
  show_result (self);

  g_signal_emit (self, signals [CREATED], 0, self->key);
}

static void
create_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Attempt) attempt = user_data;
  g_autoptr(GError) error = NULL;
  AkSecret *secret = NULL;
  AkKey *key;

  key = ak_provider_create_key_finish (AK_PROVIDER (object), result, &secret, &error);
  create_done (attempt, key, secret, error);
}

/* Through the session, which settles a lost answer by listing again: the
 * error then says whether a key was made whose secret can no longer be
 * shown. */
static void
session_create_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(Attempt) attempt = user_data;
  g_autoptr(GError) error = NULL;
  AkSecret *secret = NULL;
  AkKey *key;

  key = ak_account_session_create_key_finish (AK_ACCOUNT_SESSION (object), result, &secret,
                                              &error);
  create_done (attempt, key, secret, error);
}

static void
create_clicked_cb (AkCreateDialog *self)
{
  g_autoptr(GDateTime) expires_at = NULL;
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;
  Attempt *attempt;
  AkKeyKind kind;

  g_assert (AK_IS_CREATE_DIALOG (self));

  if (!can_create (self))
    return;

  show_message (self, NULL);

  if (wants_app_cred (self))
    {
      kind = AK_KEY_KIND_APPLICATION_CREDENTIAL;
      name = _ak_entry_row_dup_text (self->name_row);
      description = _ak_entry_row_dup_text (self->description_row);
      if (*description == '\0')
        g_clear_pointer (&description, g_free);
      expires_at = dup_expiry (self);
    }
  else
    {
      kind = AK_KEY_KIND_EC2;
    }

  self->cancellable = g_cancellable_new ();
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BUSY]);

  attempt = g_new0 (Attempt, 1);
  attempt->self = g_object_ref (self);
  attempt->cancellable = g_object_ref (self->cancellable);

  if (self->session != NULL && chosen_owner (self) != NULL)
    ak_account_session_create_key_like_async (self->session, chosen_owner (self), NULL, NULL,
                                              NULL, session_create_cb, attempt);
  else if (self->session != NULL)
    ak_account_session_create_key_async (self->session,
                                         kind,
                                         name,
                                         description,
                                         expires_at,
                                         session_create_cb,
                                         attempt);
  else
    ak_provider_create_key_async (self->provider,
                                  kind,
                                  name,
                                  description,
                                  expires_at,
                                  self->cancellable,
                                  create_cb,
                                  attempt);
}

static gboolean
cancel_attempt (AkCreateDialog *self)
{
  if (!is_busy (self))
    return FALSE;

  /* The session's create goes on; its answer is still to be shown. */
  if (self->session != NULL)
    return TRUE;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BUSY]);

  return TRUE;
}

static void
cancel_clicked_cb (AkCreateDialog *self)
{
  g_assert (AK_IS_CREATE_DIALOG (self));

  if (cancel_attempt (self))
    return;

  gtk_window_close (GTK_WINDOW (self));
}

static void
done_clicked_cb (AkCreateDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
copy_text (AkCreateDialog *self,
           const char     *text,
           const char     *toast)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (self));

  gdk_clipboard_set_text (clipboard, text);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (toast));
}

static void
copy_id_clicked_cb (AkCreateDialog *self)
{
  if (self->key == NULL)
    return;

  copy_text (self, ak_key_get_id (self->key), _("ID copied"));
}

static void
copy_secret_clicked_cb (AkCreateDialog *self)
{
  if (self->secret == NULL)
    return;

  copy_text (self, ak_secret_get (self->secret), _("Secret copied"));
}

static void
kind_toggled_cb (AkCreateDialog *self)
{
  show_message (self, NULL);
  update_state (self);

  if (wants_app_cred (self))
    gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
field_changed_cb (AkCreateDialog *self)
{
  update_state (self);
}

static gboolean
ak_create_dialog_close_request (GtkWindow *window)
{
  AkCreateDialog *self = (AkCreateDialog *)window;

  /* Not while a create the session sent runs: its secret would be lost. */
  if (self->session != NULL && is_busy (self))
    return TRUE;

  cancel_attempt (self);
  clear_secret (self);

  return GTK_WINDOW_CLASS (ak_create_dialog_parent_class)->close_request (window);
}

static void
ak_create_dialog_constructed (GObject *object)
{
  AkCreateDialog *self = (AkCreateDialog *)object;
  gboolean ec2;
  gboolean app_creds;

  G_OBJECT_CLASS (ak_create_dialog_parent_class)->constructed (object);

  /* Only the kinds the account may create are offered; a choice only when
   * there is one to make. */
  ec2 = ak_provider_has_feature (self->provider, AK_PROVIDER_FEATURE_CREATE_EC2);
  app_creds = ak_provider_has_feature (self->provider,
                                       AK_PROVIDER_FEATURE_APPLICATION_CREDENTIALS);
  gtk_widget_set_visible (GTK_WIDGET (self->kind_group), ec2 && app_creds);
  gtk_widget_set_visible (GTK_WIDGET (self->intro_label), !(ec2 && app_creds));

  if (app_creds && !ec2)
    {
      gtk_label_set_text (self->intro_label,
                          _("A new application credential will be made for your account. "
                            "Programs use it to sign in as you in this project."));
      gtk_check_button_set_active (self->app_cred_check, TRUE);
    }
  else if (!app_creds && !ec2)
    {
      /* Translators: said when the account may create no kind of key; the
       * window then does not offer to create one at all. */
      gtk_label_set_text (self->intro_label, _("This account is not allowed to create keys."));
    }

  fill_owners (self);
  update_state (self);
}

static void
ak_create_dialog_dispose (GObject *object)
{
  AkCreateDialog *self = (AkCreateDialog *)object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  clear_secret (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), AK_TYPE_CREATE_DIALOG);

  g_clear_object (&self->provider);
  g_clear_object (&self->session);
  g_clear_object (&self->key);
  g_clear_pointer (&self->owners, g_ptr_array_unref);

  G_OBJECT_CLASS (ak_create_dialog_parent_class)->dispose (object);
}

static void
ak_create_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AkCreateDialog *self = AK_CREATE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_PROVIDER:
      g_value_set_object (value, self->provider);
      break;

    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, is_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ak_create_dialog_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  AkCreateDialog *self = AK_CREATE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_PROVIDER:
      if (self->provider == NULL)
        self->provider = g_value_dup_object (value);
      break;

    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      /* The session's provider says which kinds may be created. */
      if (self->session != NULL && self->provider == NULL)
        self->provider = g_object_ref (ak_account_session_get_provider (self->session));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ak_create_dialog_class_init (AkCreateDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = ak_create_dialog_constructed;
  object_class->dispose = ak_create_dialog_dispose;
  object_class->get_property = ak_create_dialog_get_property;
  object_class->set_property = ak_create_dialog_set_property;

  window_class->close_request = ak_create_dialog_close_request;

  properties [PROP_PROVIDER] =
    g_param_spec_object ("provider", NULL, NULL,
                         AK_TYPE_PROVIDER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         AK_TYPE_ACCOUNT_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AkCreateDialog::created:
   * @self: the dialog
   * @key: the new key, without its secret
   *
   * Emitted as soon as the server has made the key, while the dialog goes on
   * to show its secret.
   */
  signals [CREATED] =
    g_signal_new ("created",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, AK_TYPE_KEY);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ak-create-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AkCreateDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AkCreateDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, AkCreateDialog, create_button);
  gtk_widget_class_bind_template_child (widget_class, AkCreateDialog, done_button);
  gtk_widget_class_bind_template_child (widget_class, AkCreateDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, AkCreateDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, AkCreateDialog, form);
  gtk_widget_class_bind_template_child (widget_class, AkCreateDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, AkCreateDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, AkCreateDialog, owner_label);
  gtk_widget_class_bind_template_child (widget_class, AkCreateDialog, owner_group);
  gtk_widget_class_bind_template_child (widget_class, AkCreateDialog, owner_row);
  gtk_widget_class_bind_template_child (widget_class, AkCreateDialog, created_label);
  gtk_widget_class_bind_template_child (widget_class, AkCreateDialog, kind_group);
  gtk_widget_class_bind_template_child (widget_class, AkCreateDialog, ec2_check);
  gtk_widget_class_bind_template_child (widget_class, AkCreateDialog, app_cred_check);
  gtk_widget_class_bind_template_child (widget_class, AkCreateDialog, details_group);
  gtk_widget_class_bind_template_child (widget_class, AkCreateDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, AkCreateDialog, description_row);
  gtk_widget_class_bind_template_child (widget_class, AkCreateDialog, expiry_row);
  gtk_widget_class_bind_template_child (widget_class, AkCreateDialog, expiry_calendar);
  gtk_widget_class_bind_template_child (widget_class, AkCreateDialog, expiry_error_label);
  gtk_widget_class_bind_template_child (widget_class, AkCreateDialog, id_title_label);
  gtk_widget_class_bind_template_child (widget_class, AkCreateDialog, id_label);
  gtk_widget_class_bind_template_child (widget_class, AkCreateDialog, id_copy_button);
  gtk_widget_class_bind_template_child (widget_class, AkCreateDialog, secret_title_label);
  gtk_widget_class_bind_template_child (widget_class, AkCreateDialog, secret_label);
  gtk_widget_class_bind_template_child (widget_class, AkCreateDialog, secret_copy_button);
  gtk_widget_class_bind_template_callback (widget_class, create_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, done_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_id_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_secret_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, kind_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ak_create_dialog_init (AkCreateDialog *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) later = g_date_time_add_days (now, DEFAULT_EXPIRY_DAYS);

  gtk_widget_init_template (GTK_WIDGET (self));
  _ak_calendar_name_buttons (self->expiry_calendar);

  gtk_calendar_select_day (self->expiry_calendar, later);
}

/**
 * ak_create_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 * @provider: a signed-in provider to create the key with
 *
 * Returns: (transfer none): a new dialog; present it
 */
AkCreateDialog *
ak_create_dialog_new (GtkWindow  *parent,
                      AkProvider *provider)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (AK_IS_PROVIDER (provider), NULL);

  return g_object_new (AK_TYPE_CREATE_DIALOG,
                       "transient-for", parent,
                       "provider", provider,
                       NULL);
}

/**
 * ak_create_dialog_new_for_session:
 * @parent: the window to be modal for
 * @session: a signed-in session to create the key through
 *
 * Like ak_create_dialog_new(), but the key is created by @session, which
 * lists it at once and settles a lost answer. Such a create is never
 * cancelled: while it runs, Cancel and closing wait for its answer.
 *
 * Returns: (transfer none): a new dialog
 */
AkCreateDialog *
ak_create_dialog_new_for_session (GtkWindow        *parent,
                                  AkAccountSession *session)
{
  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (AK_IS_ACCOUNT_SESSION (session), NULL);
  g_return_val_if_fail (AK_IS_PROVIDER (ak_account_session_get_provider (session)), NULL);

  return g_object_new (AK_TYPE_CREATE_DIALOG,
                       "transient-for", parent,
                       "session", session,
                       NULL);
}

/**
 * ak_create_dialog_get_provider:
 * @self: an #AkCreateDialog
 *
 * Returns: (transfer none): the provider keys are created with
 */
AkProvider *
ak_create_dialog_get_provider (AkCreateDialog *self)
{
  g_return_val_if_fail (AK_IS_CREATE_DIALOG (self), NULL);

  return self->provider;
}

/**
 * ak_create_dialog_get_busy:
 * @self: an #AkCreateDialog
 *
 * Returns: whether a key is being created
 */
gboolean
ak_create_dialog_get_busy (AkCreateDialog *self)
{
  g_return_val_if_fail (AK_IS_CREATE_DIALOG (self), FALSE);

  return is_busy (self);
}
