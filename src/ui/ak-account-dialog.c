/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-account-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ak-account-dialog.h"
#include "ak-auth-url.h"
#include "ak-error.h"
#include "ak-import-dialog.h"
#include "ak-provider-factory.h"
#include "ak-provider.h"
#include "ak-secret.h"
#include "ak-ui-util-private.h"
#include "ak-util-private.h"

/* Sign in to a new account, change an account, or type an account's password
 * again after the server refused the saved one. Nothing is saved until a
 * sign-in with what was typed has worked.
 *
 * It forgives: the address is taken as pasted (ak_auth_url_normalize()),
 * blank domains are "Default", the focus starts on the first empty field
 * and goes after each failure to the field to change, where Enter tries
 * again, and editing a field takes away what was said about the last try.
 * The account's name follows the other fields until the person types one. */
struct _AkAccountDialog
{
  AdwWindow            parent_instance;

  /* template children */
  GtkButton           *cancel_button;
  GtkButton           *sign_in_button;
  GtkSpinner          *spinner;
  GtkLabel            *notice_label;
  GtkWidget           *message_box;
  GtkLabel            *message_label;
  GtkExpander         *detail_expander;
  GtkLabel            *detail_label;
  GtkWidget           *form;
  AdwEntryRow         *url_row;
  AdwActionRow        *insecure_row;
  GtkSwitch           *insecure_switch;
  GtkLabel            *url_hint_label;
  GtkLabel            *url_error_label;
  GtkSwitch           *app_cred_switch;
  AdwEntryRow         *domain_row;
  AdwEntryRow         *username_row;
  AdwPasswordEntryRow *password_row;
  AdwEntryRow         *app_cred_id_row;
  AdwPasswordEntryRow *app_cred_secret_row;
  GtkLabel            *credential_hint_label;
  GtkLabel            *credential_error_label;
  AdwPreferencesGroup *project_group;
  AdwEntryRow         *project_row;
  AdwExpanderRow      *options_row;
  AdwEntryRow         *project_domain_row;
  AdwEntryRow         *name_row;
  GtkButton           *import_button;

  /* owned references */
  AkAccountStore      *store;
  AkAccount           *account;
  AkAccount           *candidate;
  AkSecret            *secret;
  AkProvider          *provider;
  GCancellable        *cancellable;

  /* Weak references */
  /* The field the person was in when the try started, for the next one. */
  GtkWidget           *retry_focus;

  /* The stored secret was refused: an empty field may not mean "keep it". */
  guint                require_secret : 1;
  /* The secret of the current try was typed, not read from the keyring. */
  guint                secret_typed : 1;
  /* The name was typed: it no longer follows the other fields. */
  guint                name_edited : 1;
  /* The name field is being set to the default, not typed in. */
  guint                setting_name : 1;
  /* The first focus was given, when the dialog was first shown. */
  guint                focus_placed : 1;
};

G_DEFINE_FINAL_TYPE (AkAccountDialog, ak_account_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_ACCOUNT,
  PROP_BUSY,
  N_PROPS
};

enum {
  SIGNED_IN,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

#define DEFAULT_DOMAIN "Default"

static gboolean
field_is_blank (gpointer row)
{
  return _ak_str_is_blank (gtk_editable_get_text (GTK_EDITABLE (row)));
}

static gboolean
uses_app_cred (AkAccountDialog *self)
{
  return gtk_switch_get_active (self->app_cred_switch);
}

static GtkWidget *
secret_row (AkAccountDialog *self)
{
  if (uses_app_cred (self))
    return GTK_WIDGET (self->app_cred_secret_row);

  return GTK_WIDGET (self->password_row);
}

/* Whether an empty password or secret field means "use the saved one". */
static gboolean
secret_is_optional (AkAccountDialog *self)
{
  AkAuthKind kind;

  if (self->account == NULL || self->require_secret)
    return FALSE;

  kind = uses_app_cred (self) ? AK_AUTH_KIND_APPLICATION_CREDENTIAL : AK_AUTH_KIND_PASSWORD;

  return ak_account_get_auth_kind (self->account) == kind;
}

static gboolean
is_busy (AkAccountDialog *self)
{
  return self->cancellable != NULL;
}

static gboolean
can_sign_in (AkAccountDialog *self)
{
  gboolean secret_ok;

  if (is_busy (self) || field_is_blank (self->url_row))
    return FALSE;

  /* A secret may be spaces only, so any character counts. */
  secret_ok = secret_is_optional (self) ||
              *gtk_editable_get_text (GTK_EDITABLE (secret_row (self))) != '\0';

  if (uses_app_cred (self))
    return secret_ok && !field_is_blank (self->app_cred_id_row);

  /* A blank domain is "Default", as on most clouds. */
  return secret_ok &&
         !field_is_blank (self->username_row) &&
         !field_is_blank (self->project_row);
}

static void
update_state (AkAccountDialog *self)
{
  gboolean busy = is_busy (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->sign_in_button), can_sign_in (self));
  _ak_form_set_busy (self->form, self->spinner, GTK_WIDGET (self->cancel_button), busy);

  if (secret_is_optional (self))
    {
      gtk_label_set_text (self->credential_hint_label,
                          uses_app_cred (self)
                          ? _("Leave the secret empty to keep the saved one.")
                          : _("Leave the password empty to keep the saved one."));
      gtk_widget_set_visible (GTK_WIDGET (self->credential_hint_label), TRUE);
    }
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->credential_hint_label), FALSE);
    }
}

/* An unencrypted connection is only offered where it is a choice to make:
 * plain http to another computer. */
static gboolean
needs_insecure_choice (const char *url)
{
  g_autofree char *scheme = g_uri_parse_scheme (url);

  return scheme != NULL &&
         g_ascii_strcasecmp (scheme, "http") == 0 &&
         !ak_account_url_is_loopback (url);
}

/* The address to sign in at, as ak_auth_url_normalize() makes it of what
 * was typed, or what was typed when that is no address. */
static char *
dup_url (AkAccountDialog *self)
{
  g_autofree char *typed = _ak_entry_row_dup_text (self->url_row);
  char *url = ak_auth_url_normalize (typed, NULL);

  return url != NULL ? url : g_steal_pointer (&typed);
}

static void
update_insecure_row (AkAccountDialog *self)
{
  g_autofree char *url = dup_url (self);

  gtk_widget_set_visible (GTK_WIDGET (self->insecure_row), needs_insecure_choice (url));
}

static void
set_field_error (AkAccountDialog *self,
                 GtkLabel        *label,
                 GtkWidget       *field,
                 const char      *message)
{
  gtk_label_set_text (label, message);
  gtk_widget_set_visible (GTK_WIDGET (label), TRUE);
  gtk_widget_add_css_class (field, "error");

  /* A screen reader says the message with the field itself. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (field),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                  -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (field),
                               GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                               -1);
  gtk_widget_grab_focus (field);
}

static void
clear_field_error (GtkLabel  *label,
                   GtkWidget *field)
{
  gtk_label_set_text (label, "");
  gtk_widget_set_visible (GTK_WIDGET (label), FALSE);
  gtk_widget_remove_css_class (field, "error");
  gtk_accessible_reset_property (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  gtk_accessible_reset_state (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_STATE_INVALID);
}

static void
clear_url_error (AkAccountDialog *self)
{
  clear_field_error (self->url_error_label, GTK_WIDGET (self->url_row));

  /* The example is what a screen reader says with the field otherwise. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->url_row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  gtk_label_get_text (self->url_hint_label),
                                  -1);
}

static void
clear_credential_error (AkAccountDialog *self)
{
  clear_field_error (self->credential_error_label, GTK_WIDGET (self->password_row));
  clear_field_error (self->credential_error_label, GTK_WIDGET (self->app_cred_secret_row));
}

static void
clear_message (AkAccountDialog *self)
{
  gtk_label_set_text (self->message_label, "");
  gtk_label_set_text (self->detail_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail_expander), FALSE);
  gtk_widget_set_visible (self->message_box, FALSE);
}

static void
clear_errors (AkAccountDialog *self)
{
  clear_message (self);
  clear_url_error (self);
  clear_credential_error (self);
}

static gboolean
can_take_focus (GtkWidget *widget)
{
  return widget != NULL &&
         gtk_widget_is_visible (widget) &&
         gtk_widget_is_sensitive (widget) &&
         gtk_widget_get_child_visible (widget);
}

/* The first field a sign-in still needs, in the order of the form, or
 * %NULL when every one is filled in. */
static GtkWidget *
first_empty_field (AkAccountDialog *self)
{
  GtkWidget *fields[4];
  guint n = 0;

  fields[n++] = GTK_WIDGET (self->url_row);
  if (uses_app_cred (self))
    {
      fields[n++] = GTK_WIDGET (self->app_cred_id_row);
      fields[n++] = GTK_WIDGET (self->app_cred_secret_row);
    }
  else
    {
      fields[n++] = GTK_WIDGET (self->username_row);
      fields[n++] = GTK_WIDGET (self->password_row);
      fields[n++] = GTK_WIDGET (self->project_row);
    }

  for (guint i = 0; i < n; i++)
    if (field_is_blank (fields[i]) && can_take_focus (fields[i]))
      return fields[i];

  return NULL;
}

/* After a try that no field is to blame for, the person is back where they
 * were, so Enter tries again; never on Cancel, where Enter would close the
 * dialog and lose what was typed. */
static void
focus_for_retry (AkAccountDialog *self)
{
  GtkWidget *field = self->retry_focus;

  if (!can_take_focus (field))
    field = first_empty_field (self);
  if (field == NULL)
    field = GTK_WIDGET (self->url_row);

  gtk_widget_grab_focus (field);
}

/* Remembers the field that has the focus, if any, for focus_for_retry(). */
static void
note_retry_focus (AkAccountDialog *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *row = NULL;

  if (focus != NULL)
    row = gtk_widget_get_ancestor (focus, ADW_TYPE_ENTRY_ROW);
  if (row != NULL && !gtk_widget_is_ancestor (row, self->form))
    row = NULL;

  g_set_weak_pointer (&self->retry_focus, row);
}

static void
show_message (AkAccountDialog *self,
              const GError    *error)
{
  const char *detail = ak_error_get_detail (error);

  gtk_label_set_text (self->message_label, error->message);
  gtk_label_set_text (self->detail_label, detail != NULL ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail_expander), detail != NULL && *detail != '\0');
  gtk_widget_set_visible (self->message_box, TRUE);
}

/* Puts @error next to the field a person has to change to fix it, in words
 * about that field; what only the server can fix goes at the top. */
static void
show_error (AkAccountDialog *self,
            const GError    *error)
{
  GtkWidget *url = GTK_WIDGET (self->url_row);

  if (error->domain != AK_ERROR)
    {
      show_message (self, error);
      focus_for_retry (self);
      return;
    }

  switch ((AkErrorCode)error->code)
    {
    case AK_ERROR_AUTH:
      set_field_error (self, self->credential_error_label, secret_row (self),
                       uses_app_cred (self)
                       ? _("The application credential ID or secret is wrong.")
                       : _("The user name or password is wrong."));
      break;

    case AK_ERROR_NETWORK:
      set_field_error (self, self->url_error_label, url,
                       _("The server could not be reached. Check the address and your "
                         "internet connection."));
      break;

    case AK_ERROR_NOT_FOUND:
      {
        g_autoptr(GError) not_service = ak_error_new_not_sign_in_service (0, NULL);

        set_field_error (self, self->url_error_label, url, not_service->message);
      }
      break;

    case AK_ERROR_INSECURE:
      gtk_widget_set_visible (GTK_WIDGET (self->insecure_row), TRUE);
      set_field_error (self, self->url_error_label, url, error->message);
      break;

    /* Every other check of the account is done before it gets here (blank
     * fields keep Sign In insensitive), so what is left is the address. What
     * the server answered that no sign-in service would (a web page), what it
     * did not answer in time, and a certificate it could not prove are the
     * address's too: another one is the first thing to try. */
    case AK_ERROR_INVALID:
    case AK_ERROR_TLS:
    case AK_ERROR_TIMEOUT:
    case AK_ERROR_PROTOCOL:
      set_field_error (self, self->url_error_label, url, error->message);
      break;

    /* The password was right; the project is what to change. */
    case AK_ERROR_PERMISSION:
      show_message (self, error);
      gtk_widget_grab_focus (uses_app_cred (self)
                             ? GTK_WIDGET (self->app_cred_id_row)
                             : GTK_WIDGET (self->project_row));
      break;

    case AK_ERROR_FAILED:
    case AK_ERROR_CONFLICT:
    case AK_ERROR_SERVER:
    case AK_ERROR_STORAGE:
    default:
      show_message (self, error);
      focus_for_retry (self);
      break;
    }
}

/* Ends a sign-in attempt: the request, the secret and the provider go. */
static void
finish_attempt (AkAccountDialog *self)
{
  g_clear_object (&self->cancellable);
  g_clear_object (&self->candidate);
  g_clear_pointer (&self->secret, ak_secret_unref);
  g_clear_object (&self->provider);
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BUSY]);
}

static void
fail_attempt (AkAccountDialog *self,
              const GError    *error)
{
  finish_attempt (self);
  show_error (self, error);
}

static void
clear_secret_fields (AkAccountDialog *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->app_cred_secret_row), "");
}

/* One sign-in try. Its callbacks act only while it is the dialog's current
 * one: Cancel, closing, or a newer try makes them drop what they got. */
typedef struct
{
  AkAccountDialog *self;
  GCancellable    *cancellable;
} Attempt;

static Attempt *
attempt_new (AkAccountDialog *self)
{
  Attempt *attempt = g_new0 (Attempt, 1);

  attempt->self = g_object_ref (self);
  attempt->cancellable = g_object_ref (self->cancellable);

  return attempt;
}

static void
attempt_free (Attempt *attempt)
{
  g_clear_object (&attempt->self);
  g_clear_object (&attempt->cancellable);
  g_free (attempt);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Attempt, attempt_free)

static gboolean
attempt_is_current (Attempt *attempt)
{
  return attempt->self->cancellable == attempt->cancellable &&
         !g_cancellable_is_cancelled (attempt->cancellable);
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(Attempt) attempt = user_data;
  AkAccountDialog *self = attempt->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(AkAccount) account = NULL;
  g_autoptr(AkProvider) provider = NULL;
  gboolean saved;

  saved = ak_account_store_save_finish (AK_ACCOUNT_STORE (object), result, &error);

  if (!attempt_is_current (attempt))
    return;

  if (!saved)
    {
      fail_attempt (self, error);
      return;
    }

  /* An edit is saved onto the stored account, which stays the one in use. */
  account = ak_account_store_find (self->store, ak_account_get_id (self->candidate));
  account = g_object_ref (account != NULL ? account : self->candidate);
  provider = g_steal_pointer (&self->provider);
  finish_attempt (self);
  clear_secret_fields (self);

  g_debug ("Signed in and saved account %s", ak_account_get_id (account));
  g_signal_emit (self, signals [SIGNED_IN], 0, account, provider);
  gtk_window_close (GTK_WINDOW (self));
}

static void
sign_in_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Attempt) attempt = user_data;
  AkAccountDialog *self = attempt->self;
  g_autoptr(GError) error = NULL;
  gboolean signed_in;

  signed_in = ak_provider_sign_in_finish (AK_PROVIDER (object), result, &error);

  if (!attempt_is_current (attempt))
    return;

  if (!signed_in)
    {
      fail_attempt (self, error);
      return;
    }

  /* A secret read from the keyring is there already. */
  ak_account_store_save_async (self->store,
                               self->candidate,
                               self->secret_typed ? self->secret : NULL,
                               self->cancellable,
                               save_cb,
                               g_steal_pointer (&attempt));
}

static void
verify (AkAccountDialog *self)
{
  g_autoptr(GError) error = NULL;

  g_assert (self->candidate != NULL);
  g_assert (self->secret != NULL);

  /* The installed factory (Keystone, in the app) makes the provider. */
  self->provider = ak_provider_factory_create (self->candidate, self->secret, &error);
  if (self->provider == NULL)
    {
      fail_attempt (self, error);
      return;
    }

  ak_provider_sign_in_async (self->provider,
                             self->cancellable,
                             sign_in_cb,
                             attempt_new (self));
}

static void
lookup_secret_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(Attempt) attempt = user_data;
  AkAccountDialog *self = attempt->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(AkSecret) secret = NULL;

  secret = ak_account_store_lookup_secret_finish (AK_ACCOUNT_STORE (object), result, &error);

  if (!attempt_is_current (attempt))
    return;

  /* Nothing saved after all: ask for it rather than fail. */
  if (g_error_matches (error, AK_ERROR, AK_ERROR_NOT_FOUND))
    {
      finish_attempt (self);
      self->require_secret = TRUE;
      update_state (self);
      set_field_error (self, self->credential_error_label, secret_row (self), error->message);
      return;
    }

  if (error != NULL)
    {
      fail_attempt (self, error);
      return;
    }

  self->secret = g_steal_pointer (&secret);
  verify (self);
}

/* The account as the form describes it, for the sign-in to try. */
static AkAccount *
build_candidate (AkAccountDialog *self,
                 const char      *url)
{
  g_autoptr(AkAccount) account = NULL;
  g_autofree char *name = _ak_entry_row_dup_text (self->name_row);

  if (self->account != NULL)
    account = ak_account_copy (self->account);
  else
    account = ak_account_new ();

  /* An empty name is the one made of the user, project and server. */
  ak_account_set_label (account, *name != '\0' ? name : NULL);
  ak_account_set_auth_url (account, url);
  ak_account_set_allow_unencrypted (account,
                                    needs_insecure_choice (url) &&
                                    gtk_switch_get_active (self->insecure_switch));

  if (uses_app_cred (self))
    {
      g_autofree char *id = _ak_entry_row_dup_text (self->app_cred_id_row);

      ak_account_set_auth_kind (account, AK_AUTH_KIND_APPLICATION_CREDENTIAL);
      ak_account_set_application_credential_id (account, id);
    }
  else
    {
      g_autofree char *domain = _ak_entry_row_dup_text (self->domain_row);
      g_autofree char *project_domain = _ak_entry_row_dup_text (self->project_domain_row);
      g_autofree char *username = _ak_entry_row_dup_text (self->username_row);
      g_autofree char *project = _ak_entry_row_dup_text (self->project_row);

      ak_account_set_auth_kind (account, AK_AUTH_KIND_PASSWORD);
      ak_account_set_user_domain (account, *domain != '\0' ? domain : DEFAULT_DOMAIN);
      ak_account_set_username (account, username);
      ak_account_set_project_domain (account,
                                     *project_domain != '\0' ? project_domain : DEFAULT_DOMAIN);
      ak_account_set_project (account, project);
    }

  return g_steal_pointer (&account);
}

/* The name an account gets when the person does not choose one: words made
 * of the user, project and server, as the form has them now. */
static void
update_default_name (AkAccountDialog *self)
{
  g_autoptr(AkAccount) account = NULL;
  g_autofree char *url = NULL;

  if (self->name_edited)
    return;

  url = dup_url (self);
  account = build_candidate (self, url);
  ak_account_set_label (account, NULL);

  self->setting_name = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), ak_account_get_display_label (account));
  self->setting_name = FALSE;
}

static void
sign_in_clicked_cb (AkAccountDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *typed_url = NULL;
  g_autofree char *url = NULL;
  const char *typed;

  g_assert (AK_IS_ACCOUNT_DIALOG (self));

  if (!can_sign_in (self))
    return;

  clear_errors (self);
  note_retry_focus (self);

  /* What was pasted, made into the address to sign in at; a dashboard's
   * address is refused with where to find the right one. */
  typed_url = _ak_entry_row_dup_text (self->url_row);
  url = ak_auth_url_normalize (typed_url, &error);
  if (url == NULL)
    {
      set_field_error (self, self->url_error_label, GTK_WIDGET (self->url_row), error->message);
      return;
    }

  self->candidate = build_candidate (self, url);
  if (!ak_account_validate (self->candidate, &error))
    {
      g_clear_object (&self->candidate);
      show_error (self, error);
      return;
    }

  self->cancellable = g_cancellable_new ();
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BUSY]);

  typed = _ak_password_row_get_text (ADW_PASSWORD_ENTRY_ROW (secret_row (self)));
  self->secret_typed = *typed != '\0';
  if (self->secret_typed)
    {
      self->secret = ak_secret_new (typed);
      verify (self);
    }
  else
    {
      ak_account_store_lookup_secret_async (self->store,
                                            self->account,
                                            self->cancellable,
                                            lookup_secret_cb,
                                            attempt_new (self));
    }
}

/* Stops a sign-in that is running; says whether there was one. */
static gboolean
cancel_attempt (AkAccountDialog *self)
{
  if (!is_busy (self))
    return FALSE;

  g_cancellable_cancel (self->cancellable);
  finish_attempt (self);

  return TRUE;
}

static void
cancel_clicked_cb (AkAccountDialog *self)
{
  g_assert (AK_IS_ACCOUNT_DIALOG (self));

  /* The first Cancel stops the sign-in, so the address can be corrected. */
  if (cancel_attempt (self))
    {
      focus_for_retry (self);
      return;
    }

  gtk_window_close (GTK_WINDOW (self));
}

/* A field changed: what was said about the last try is stale. */
static void
url_changed_cb (AkAccountDialog *self)
{
  clear_message (self);
  clear_url_error (self);
  update_insecure_row (self);
  update_default_name (self);
  update_state (self);
}

static void
credential_changed_cb (AkAccountDialog *self)
{
  clear_message (self);
  clear_credential_error (self);
  update_default_name (self);
  update_state (self);
}

static void
field_changed_cb (AkAccountDialog *self)
{
  clear_message (self);
  update_default_name (self);
  update_state (self);
}

static void
name_changed_cb (AkAccountDialog *self)
{
  if (!self->setting_name)
    self->name_edited = TRUE;
}

static void
auth_kind_changed_cb (AkAccountDialog *self)
{
  gboolean app_cred = uses_app_cred (self);

  clear_message (self);
  clear_credential_error (self);
  gtk_widget_set_visible (GTK_WIDGET (self->username_row), !app_cred);
  gtk_widget_set_visible (GTK_WIDGET (self->password_row), !app_cred);
  gtk_widget_set_visible (GTK_WIDGET (self->app_cred_id_row), app_cred);
  gtk_widget_set_visible (GTK_WIDGET (self->app_cred_secret_row), app_cred);
  /* An application credential is bound to its project already, and
   * needs no domain. */
  gtk_widget_set_visible (GTK_WIDGET (self->project_group), !app_cred);
  update_default_name (self);
  update_state (self);
}

static void
set_row_text (AdwEntryRow *row,
              const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

static void
fill_form (AkAccountDialog *self)
{
  AkAccount *account = self->account;

  if (account == NULL)
    {
      set_row_text (self->domain_row, DEFAULT_DOMAIN);
      set_row_text (self->project_domain_row, DEFAULT_DOMAIN);
      gtk_window_set_title (GTK_WINDOW (self), _("Add Account"));
      update_default_name (self);
      return;
    }

  gtk_window_set_title (GTK_WINDOW (self), _("Edit Account"));
  set_row_text (self->url_row, ak_account_get_auth_url (account));
  gtk_switch_set_active (self->insecure_switch, ak_account_get_allow_unencrypted (account));
  gtk_switch_set_active (self->app_cred_switch,
                         ak_account_get_auth_kind (account) ==
                         AK_AUTH_KIND_APPLICATION_CREDENTIAL);
  set_row_text (self->domain_row, ak_account_get_user_domain (account));
  set_row_text (self->project_domain_row, ak_account_get_project_domain (account));
  set_row_text (self->username_row, ak_account_get_username (account));
  set_row_text (self->project_row, ak_account_get_project (account));
  set_row_text (self->app_cred_id_row, ak_account_get_application_credential_id (account));

  /* Domains other than the usual one are shown, not hidden away. */
  adw_expander_row_set_expanded (self->options_row,
                                 g_strcmp0 (ak_account_get_user_domain (account),
                                            DEFAULT_DOMAIN) != 0 ||
                                 g_strcmp0 (ak_account_get_project_domain (account),
                                            DEFAULT_DOMAIN) != 0);

  /* A name the person chose stays; else the made one follows the fields. */
  if (!_ak_str_is_blank (ak_account_get_label (account)))
    {
      self->name_edited = TRUE;
      set_row_text (self->name_row, ak_account_get_label (account));
    }
  else
    {
      update_default_name (self);
    }

  update_insecure_row (self);
  update_state (self);
}

/* Import from OpenStack Configuration ------------------------------------ */

/* Only a new account is imported; an account being changed keeps its own. */
static void
setup_import (AkAccountDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->import_button), self->account == NULL);
}

static void
cloud_chosen_cb (AkAccountDialog *self,
                 AkCloudConfig   *cloud)
{
  ak_account_dialog_fill_from_cloud (self, cloud);
}

static void
import_clicked_cb (AkAccountDialog *self)
{
  AkImportDialog *import = ak_import_dialog_new (GTK_WINDOW (self));

  g_signal_connect_object (import, "cloud-chosen", G_CALLBACK (cloud_chosen_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (import));
}

static gboolean
ak_account_dialog_close_request (GtkWindow *window)
{
  AkAccountDialog *self = (AkAccountDialog *)window;

  cancel_attempt (self);
  clear_secret_fields (self);

  return GTK_WINDOW_CLASS (ak_account_dialog_parent_class)->close_request (window);
}

static void
ak_account_dialog_constructed (GObject *object)
{
  AkAccountDialog *self = (AkAccountDialog *)object;

  G_OBJECT_CLASS (ak_account_dialog_parent_class)->constructed (object);

  fill_form (self);
  setup_import (self);
  update_state (self);
  clear_url_error (self);
}

static void
ak_account_dialog_map (GtkWidget *widget)
{
  AkAccountDialog *self = (AkAccountDialog *)widget;

  GTK_WIDGET_CLASS (ak_account_dialog_parent_class)->map (widget);

  /* Typing goes where it is needed first, never to Cancel: GTK would give
   * the focus to the first button. */
  if (!self->focus_placed)
    {
      self->focus_placed = TRUE;
      if (self->require_secret)
        gtk_widget_grab_focus (secret_row (self));
      else
        focus_for_retry (self);
    }
}

static void
ak_account_dialog_dispose (GObject *object)
{
  AkAccountDialog *self = (AkAccountDialog *)object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->candidate);
  g_clear_pointer (&self->secret, ak_secret_unref);
  g_clear_object (&self->provider);
  g_clear_weak_pointer (&self->retry_focus);

  /* Destroyed without being closed first, e.g. with its parent. */
  if (self->password_row != NULL)
    clear_secret_fields (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), AK_TYPE_ACCOUNT_DIALOG);

  g_clear_object (&self->store);
  g_clear_object (&self->account);

  G_OBJECT_CLASS (ak_account_dialog_parent_class)->dispose (object);
}

static void
ak_account_dialog_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AkAccountDialog *self = AK_ACCOUNT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, is_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ak_account_dialog_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AkAccountDialog *self = AK_ACCOUNT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_ACCOUNT:
      self->account = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ak_account_dialog_class_init (AkAccountDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = ak_account_dialog_constructed;
  object_class->dispose = ak_account_dialog_dispose;
  object_class->get_property = ak_account_dialog_get_property;
  object_class->set_property = ak_account_dialog_set_property;

  widget_class->map = ak_account_dialog_map;

  window_class->close_request = ak_account_dialog_close_request;

  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         AK_TYPE_ACCOUNT_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* The saved account being changed, or %NULL for a new one. */
  properties [PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL,
                         AK_TYPE_ACCOUNT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AkAccountDialog::signed-in:
   * @self: the dialog
   * @account: the account as saved
   * @provider: a provider signed in to @account, ready to list keys
   *
   * Emitted once the sign-in worked and the account and its secret are saved,
   * just before the dialog closes.
   */
  signals [SIGNED_IN] =
    g_signal_new ("signed-in",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 2, AK_TYPE_ACCOUNT, AK_TYPE_PROVIDER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ak-account-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AkAccountDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, AkAccountDialog, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, AkAccountDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, AkAccountDialog, notice_label);
  gtk_widget_class_bind_template_child (widget_class, AkAccountDialog, message_box);
  gtk_widget_class_bind_template_child (widget_class, AkAccountDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, AkAccountDialog, detail_expander);
  gtk_widget_class_bind_template_child (widget_class, AkAccountDialog, detail_label);
  gtk_widget_class_bind_template_child (widget_class, AkAccountDialog, form);
  gtk_widget_class_bind_template_child (widget_class, AkAccountDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, AkAccountDialog, insecure_row);
  gtk_widget_class_bind_template_child (widget_class, AkAccountDialog, insecure_switch);
  gtk_widget_class_bind_template_child (widget_class, AkAccountDialog, url_hint_label);
  gtk_widget_class_bind_template_child (widget_class, AkAccountDialog, url_error_label);
  gtk_widget_class_bind_template_child (widget_class, AkAccountDialog, app_cred_switch);
  gtk_widget_class_bind_template_child (widget_class, AkAccountDialog, domain_row);
  gtk_widget_class_bind_template_child (widget_class, AkAccountDialog, username_row);
  gtk_widget_class_bind_template_child (widget_class, AkAccountDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, AkAccountDialog, app_cred_id_row);
  gtk_widget_class_bind_template_child (widget_class, AkAccountDialog, app_cred_secret_row);
  gtk_widget_class_bind_template_child (widget_class, AkAccountDialog, credential_hint_label);
  gtk_widget_class_bind_template_child (widget_class, AkAccountDialog, credential_error_label);
  gtk_widget_class_bind_template_child (widget_class, AkAccountDialog, project_group);
  gtk_widget_class_bind_template_child (widget_class, AkAccountDialog, project_row);
  gtk_widget_class_bind_template_child (widget_class, AkAccountDialog, options_row);
  gtk_widget_class_bind_template_child (widget_class, AkAccountDialog, project_domain_row);
  gtk_widget_class_bind_template_child (widget_class, AkAccountDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, AkAccountDialog, import_button);
  gtk_widget_class_bind_template_callback (widget_class, sign_in_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, url_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, credential_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, auth_kind_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, import_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ak_account_dialog_init (AkAccountDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * ak_account_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 * @store: the saved accounts, where the account goes once signed in
 * @account: (nullable): a saved account to change, or %NULL to add one
 *
 * Returns: (transfer none): a new dialog; present it
 */
AkAccountDialog *
ak_account_dialog_new (GtkWindow      *parent,
                       AkAccountStore *store,
                       AkAccount      *account)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (AK_IS_ACCOUNT_STORE (store), NULL);
  g_return_val_if_fail (account == NULL || AK_IS_ACCOUNT (account), NULL);

  return g_object_new (AK_TYPE_ACCOUNT_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       "account", account,
                       NULL);
}

/**
 * ak_account_dialog_get_account:
 * @self: an #AkAccountDialog
 *
 * Returns: (transfer none) (nullable): the saved account being changed
 */
AkAccount *
ak_account_dialog_get_account (AkAccountDialog *self)
{
  g_return_val_if_fail (AK_IS_ACCOUNT_DIALOG (self), NULL);

  return self->account;
}

AkAccountStore *
ak_account_dialog_get_store (AkAccountDialog *self)
{
  g_return_val_if_fail (AK_IS_ACCOUNT_DIALOG (self), NULL);

  return self->store;
}

/**
 * ak_account_dialog_get_busy:
 * @self: an #AkAccountDialog
 *
 * Returns: whether a sign-in is being tried
 */
gboolean
ak_account_dialog_get_busy (AkAccountDialog *self)
{
  g_return_val_if_fail (AK_IS_ACCOUNT_DIALOG (self), FALSE);

  return is_busy (self);
}

/**
 * ak_account_dialog_require_password:
 * @self: an #AkAccountDialog for a saved account
 * @reason: (nullable): why, in a sentence, such as "The server no longer
 *   accepts the saved password."
 *
 * Asks for the password (or application credential secret) again: the
 * field may no longer be left empty to keep the saved one. For an account
 * that was signed out because the server refused its saved secret.
 */
void
ak_account_dialog_require_password (AkAccountDialog *self,
                                    const char      *reason)
{
  g_return_if_fail (AK_IS_ACCOUNT_DIALOG (self));

  self->require_secret = TRUE;

  gtk_window_set_title (GTK_WINDOW (self), _("Sign In Again"));
  if (reason == NULL)
    reason = uses_app_cred (self)
             ? _("Enter the secret of your application credential again to sign in.")
             : _("Enter your password again to sign in.");

  gtk_label_set_text (self->notice_label, reason);
  gtk_widget_set_visible (GTK_WIDGET (self->notice_label), TRUE);
  update_state (self);

  gtk_widget_grab_focus (secret_row (self));
}

/**
 * ak_account_dialog_fill_from_cloud:
 * @self: an #AkAccountDialog
 * @cloud: a cloud from an OpenStack configuration file
 *
 * Fills the form from @cloud, its password or secret too. That goes into
 * the password field like a typed one, so it reaches the keyring only once
 * the sign-in with it has worked, and nowhere else.
 */
void
ak_account_dialog_fill_from_cloud (AkAccountDialog *self,
                                   AkCloudConfig   *cloud)
{
  gboolean app_cred;
  const char *user_domain;
  const char *project_domain;
  AkSecret *secret;
  GtkWidget *secret_field;

  g_return_if_fail (AK_IS_ACCOUNT_DIALOG (self));
  g_return_if_fail (AK_IS_CLOUD_CONFIG (cloud));

  app_cred = ak_cloud_config_get_auth_kind (cloud) == AK_AUTH_KIND_APPLICATION_CREDENTIAL;
  user_domain = ak_cloud_config_get_user_domain (cloud);
  project_domain = ak_cloud_config_get_project_domain (cloud);
  if (user_domain == NULL)
    user_domain = project_domain;
  if (project_domain == NULL)
    project_domain = user_domain;

  gtk_switch_set_active (self->app_cred_switch, app_cred);
  set_row_text (self->url_row, ak_cloud_config_get_auth_url (cloud));
  set_row_text (self->domain_row, user_domain != NULL ? user_domain : DEFAULT_DOMAIN);
  set_row_text (self->project_domain_row,
                project_domain != NULL ? project_domain : DEFAULT_DOMAIN);
  adw_expander_row_set_expanded (self->options_row,
                                 g_strcmp0 (user_domain, DEFAULT_DOMAIN) != 0 ||
                                 g_strcmp0 (project_domain, DEFAULT_DOMAIN) != 0);
  set_row_text (self->username_row, ak_cloud_config_get_username (cloud));
  set_row_text (self->project_row, ak_cloud_config_get_project_name (cloud));
  set_row_text (self->app_cred_id_row, ak_cloud_config_get_application_credential_id (cloud));

  /* The cloud's name in the file is the name the person knows it by. */
  if (!self->name_edited)
    {
      self->name_edited = TRUE;
      set_row_text (self->name_row, ak_cloud_config_get_name (cloud));
    }

  clear_secret_fields (self);
  secret = ak_cloud_config_get_secret (cloud);
  secret_field = secret_row (self);
  if (secret != NULL)
    gtk_editable_set_text (GTK_EDITABLE (secret_field), ak_secret_get (secret));

  update_insecure_row (self);
  update_state (self);

  /* What is left to type, or Sign In. */
  if (secret == NULL)
    gtk_widget_grab_focus (secret_field);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->sign_in_button));
}
