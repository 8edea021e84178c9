/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-key-details-pane"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "ak-access-rule.h"
#include "ak-date-format.h"
#include "ak-error.h"
#include "ak-key-details-pane.h"

/* Everything the server says about one key, beside the list: its ID with a
 * Copy button, kind, name, description, expiry, the attention flags'
 * sentences, an application credential's roles, unrestricted flag and
 * access rules, and its owner and project as the server's own lookups have
 * them (AkKeyDetails, asked through the session when the key is shown,
 * cancelled when another key is). What the list already knows is shown at
 * once; what a lookup could not read is said in plain words, never guessed.
 *
 * The rows are rebuilt whenever something changes: a key's details are a
 * few dozen widgets, and the rows to show differ between kinds and states. */

struct _AkKeyDetailsPane
{
  GtkWidget         parent_instance;

  /* Template children */
  GtkButton        *back_button;
  GtkButton        *close_button;
  GtkStack         *stack;
  GtkBox           *content;

  /* Owned references */
  AkAccountSession *session;
  AkKey            *key;
  /* The server's answer for key, once it is in. */
  AkKeyDetails     *details;
  /* The lookup for key, cancelled when the key changes. */
  GCancellable     *cancellable;

  gulong            key_notify_id;
  gboolean          narrow;
};

G_DEFINE_FINAL_TYPE (AkKeyDetailsPane, ak_key_details_pane, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_KEY,
  PROP_LOADING,
  PROP_NARROW,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* ------------------------------------------------------------------------ */
/* Rows */

static GtkWidget *
new_group (const char *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);

  return group;
}

/* One property: its name above its value, which wraps and can be selected
 * and copied, with an optional @suffix (a Copy button). */
static void
add_property (GtkWidget  *group,
              const char *title,
              const char *value,
              GtkWidget  *suffix)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *caption = gtk_label_new (title);
  GtkWidget *text = gtk_label_new (value);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);

  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_widget_add_css_class (caption, "caption");
  gtk_widget_add_css_class (caption, "dim-label");

  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (text), TRUE);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (text),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, caption, NULL,
                                  -1);

  gtk_box_append (GTK_BOX (labels), caption);
  gtk_box_append (GTK_BOX (labels), text);
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_box_append (GTK_BOX (box), labels);
  if (suffix != NULL)
    {
      gtk_widget_set_valign (suffix, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (box), suffix);
    }

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

/* A sentence on its own, with an icon: a flag, or what could not be read. */
static void
add_sentence (GtkWidget  *group,
              const char *icon_name,
              const char *sentence)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_label_new (sentence);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);

  if (icon_name != NULL)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);

      gtk_widget_set_valign (icon, GTK_ALIGN_START);
      gtk_accessible_update_state (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE,
                                   -1);
      gtk_box_append (GTK_BOX (box), icon);
    }

  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (box), text);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, sentence, -1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

static void
copy_id_clicked_cb (GtkButton        *button,
                    AkKeyDetailsPane *self)
{
  if (self->key == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)),
                          ak_key_get_id (self->key));
  gtk_widget_set_tooltip_text (GTK_WIDGET (button), _("Copied"));
}

static GtkWidget *
new_copy_button (AkKeyDetailsPane *self)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("edit-copy-symbolic");

  gtk_widget_set_tooltip_text (button, _("Copy ID"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Copy ID"), -1);
  gtk_widget_add_css_class (button, "flat");
  g_signal_connect_object (button, "clicked", G_CALLBACK (copy_id_clicked_cb), self, 0);

  return button;
}

/* Why a lookup gave nothing, in words for the person deciding. */
static const char *
unread_sentence (AkDirectoryKind  kind,
                 const GError    *error)
{
  gboolean user = kind == AK_DIRECTORY_KIND_USER;

  if (g_error_matches (error, AK_ERROR, AK_ERROR_PERMISSION))
    return user ? _("Your account may not look up this user, so whether it is enabled is not "
                    "known. What is shown comes from the list of keys.")
                : _("Your account may not look up this project. What is shown comes from the "
                    "list of keys.");

  if (g_error_matches (error, AK_ERROR, AK_ERROR_NOT_FOUND))
    return user ? _("The server has no such user any more.")
                : _("The server has no such project any more.");

  return user ? _("The owner could not be looked up. Try again later.")
              : _("The project could not be looked up. Try again later.");
}

static void
add_expiry (GtkWidget *group,
            AkKey     *key)
{
  GDateTime *expires_at = ak_key_get_expires_at (key);
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *full = NULL;
  g_autofree char *relative = NULL;
  g_autofree char *text = NULL;

  if (expires_at == NULL)
    {
      add_property (group, _("Expires"), C_("expiry", "Never"), NULL);
      return;
    }

  now = g_date_time_new_now_utc ();
  full = ak_date_format_full (expires_at);
  relative = ak_date_format_relative (expires_at, now);
  /* Translators: the full date and time a key expires, then how far away it is,
   * as in "Friday, March 2, 2027, 14:00 (in 20 days)". */
  text = g_strdup_printf (_("%s (%s)"), full, relative);
  add_property (group, _("Expires"), text, NULL);
}

static void
build_key_group (AkKeyDetailsPane *self)
{
  AkKey *key = self->key;
  gboolean app_cred = ak_key_get_kind (key) == AK_KEY_KIND_APPLICATION_CREDENTIAL;
  GtkWidget *group = new_group (C_("details group", "Key"));

  add_property (group, _("ID"), ak_key_get_id (key), new_copy_button (self));
  add_property (group, _("Kind"), ak_key_get_kind_label (key), NULL);
  if (app_cred || ak_key_get_name (key) != NULL)
    add_property (group, _("Name"),
                  ak_key_get_name (key) != NULL ? ak_key_get_name (key) : _("No name"), NULL);
  if (app_cred || ak_key_get_description (key) != NULL)
    add_property (group, _("Description"),
                  ak_key_get_description (key) != NULL ? ak_key_get_description (key)
                                                       : _("No description"),
                  NULL);
  add_expiry (group, key);

  if (self->session != NULL &&
      ak_account_session_is_sign_in_key (self->session, ak_key_get_kind (key),
                                         ak_key_get_id (key)))
    add_sentence (group, "dialog-information-symbolic",
                  _("This account signs in with this key."));

  gtk_box_append (self->content, group);
}

/* An application credential's roles, whether it may make more credentials
 * and the requests it is limited to, as the list gave them. */
static void
build_permissions_group (AkKeyDetailsPane *self)
{
  AkKey *key = self->key;
  const char * const *roles;
  GPtrArray *rules;
  GtkWidget *group;

  if (ak_key_get_kind (key) != AK_KEY_KIND_APPLICATION_CREDENTIAL)
    return;

  group = new_group (_("Permissions"));

  roles = ak_key_get_roles (key);
  if (roles == NULL)
    add_property (group, _("Roles"), _("The server did not list them."), NULL);
  else if (roles[0] == NULL)
    add_property (group, _("Roles"), _("None"), NULL);
  else
    {
      g_autofree char *joined = g_strjoinv (", ", (char **) roles);

      add_property (group, _("Roles"), joined, NULL);
    }

  add_property (group, _("Unrestricted"),
                ak_key_get_unrestricted (key)
                  ? _("Yes: it may create and delete other application credentials")
                  : _("No: it cannot create or delete other application credentials"),
                NULL);

  rules = ak_key_get_access_rules (key);
  if (rules == NULL || rules->len == 0)
    add_property (group, _("Access Rules"),
                  _("None: it may make any request its roles allow"), NULL);
  else
    {
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0; i < rules->len; i++)
        {
          AkAccessRule *rule = g_ptr_array_index (rules, i);

          if (i > 0)
            g_string_append_c (text, '\n');
          /* Translators: one access rule: the method, the path, then the
           * service, as in "GET /v2.1/servers (compute)". */
          g_string_append_printf (text, _("%s %s (%s)"),
                                  rule->method != NULL ? rule->method : "",
                                  rule->path != NULL ? rule->path : "",
                                  rule->service != NULL ? rule->service : "");
        }

      add_property (group, _("Access Rules"), text->str, NULL);
    }

  gtk_box_append (self->content, group);
}

static void
build_flags_group (AkKeyDetailsPane *self)
{
  AkKeyFlags flags = ak_key_get_flags (self->key);
  GtkWidget *group;

  if (flags == 0)
    return;

  group = new_group (_("Needs Attention"));
  for (guint bit = 0; bit < 32; bit++)
    {
      AkKeyFlags flag = (AkKeyFlags) (1u << bit);

      if ((flags & flag) != 0 && (flag & AK_KEY_FLAGS_ALL) != 0)
        add_sentence (group, "dialog-warning-symbolic", ak_key_flag_get_sentence (flag));
    }

  gtk_box_append (self->content, group);
}

static void
build_owner_group (AkKeyDetailsPane *self)
{
  AkKey *key = self->key;
  GtkWidget *group = new_group (_("Owner"));
  AkDirectoryEntry *owner = self->details != NULL ? ak_key_details_get_owner (self->details)
                                                  : NULL;
  const GError *error = self->details != NULL ? ak_key_details_get_owner_error (self->details)
                                              : NULL;

  if (owner != NULL)
    {
      if (ak_directory_entry_get_name (owner) != NULL)
        add_property (group, _("Name"), ak_directory_entry_get_name (owner), NULL);
      add_property (group, _("ID"), ak_directory_entry_get_id (owner), NULL);
      add_property (group, _("Status"),
                    ak_directory_entry_get_enabled (owner)
                      ? _("Enabled: the owner can sign in")
                      : _("Disabled: the owner cannot sign in"),
                    NULL);
      if (ak_directory_entry_get_domain_id (owner) != NULL)
        add_property (group, _("Domain ID"), ak_directory_entry_get_domain_id (owner), NULL);
    }
  else if (ak_key_get_user_id (key) != NULL)
    {
      /* What the list said, while the lookup is on its way or after it failed. */
      if (ak_key_get_user_name (key) != NULL)
        add_property (group, _("Name"), ak_key_get_user_name (key), NULL);
      add_property (group, _("ID"), ak_key_get_user_id (key), NULL);
      if (error != NULL)
        add_sentence (group, "dialog-warning-symbolic",
                      unread_sentence (AK_DIRECTORY_KIND_USER, error));
      else if (self->details == NULL)
        add_sentence (group, NULL, _("Looking up the owner…"));
    }
  else
    add_sentence (group, NULL, _("The server did not say who owns this key."));

  gtk_box_append (self->content, group);
}

static void
build_project_group (AkKeyDetailsPane *self)
{
  AkKey *key = self->key;
  GtkWidget *group = new_group (_("Project"));
  AkDirectoryEntry *project = self->details != NULL
                                ? ak_key_details_get_project (self->details) : NULL;
  const GError *error = self->details != NULL
                          ? ak_key_details_get_project_error (self->details) : NULL;

  if (project != NULL)
    {
      if (ak_directory_entry_get_name (project) != NULL)
        add_property (group, _("Name"), ak_directory_entry_get_name (project), NULL);
      add_property (group, _("ID"), ak_directory_entry_get_id (project), NULL);
    }
  else if (ak_key_get_project_id (key) != NULL)
    {
      if (ak_key_get_project_name (key) != NULL)
        add_property (group, _("Name"), ak_key_get_project_name (key), NULL);
      add_property (group, _("ID"), ak_key_get_project_id (key), NULL);
      if (error != NULL)
        add_sentence (group, "dialog-warning-symbolic",
                      unread_sentence (AK_DIRECTORY_KIND_PROJECT, error));
      else if (self->details == NULL)
        add_sentence (group, NULL, _("Looking up the project…"));
    }
  else
    add_sentence (group, NULL, _("This key is for no particular project."));

  gtk_box_append (self->content, group);
}

static void
rebuild (AkKeyDetailsPane *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->content))) != NULL)
    gtk_box_remove (self->content, child);

  if (self->key == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "none");
      return;
    }

  build_key_group (self);
  build_flags_group (self);
  build_permissions_group (self);
  build_owner_group (self);
  build_project_group (self);
  gtk_stack_set_visible_child_name (self->stack, "key");
}

/* ------------------------------------------------------------------------ */
/* The lookup */

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(AkKeyDetailsPane) self = user_data;
  g_autoptr(AkKeyDetails) details = NULL;
  g_autoptr(GError) error = NULL;

  details = ak_account_session_lookup_key_finish (AK_ACCOUNT_SESSION (object), result, &error);

  /* Another key is shown now, or none. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);

  if (details == NULL)
    {
      /* The whole lookup could not start (signed out): say so for both. */
      details = ak_key_details_new (self->key);
      ak_key_details_set_owner (details, NULL, error);
      ak_key_details_set_project (details, NULL, error);
    }

  g_set_object (&self->details, details);
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOADING]);
}

static void
start_lookup (AkKeyDetailsPane *self)
{
  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
    }
  g_clear_object (&self->details);

  if (self->key != NULL && self->session != NULL)
    {
      self->cancellable = g_cancellable_new ();
      ak_account_session_lookup_key_async (self->session, self->key, self->cancellable,
                                           lookup_cb, g_object_ref (self));
    }

  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOADING]);
}

static void
key_notify_cb (AkKeyDetailsPane *self)
{
  rebuild (self);
}

/* ------------------------------------------------------------------------ */
/* The GObject */

static void
ak_key_details_pane_dispose (GObject *object)
{
  AkKeyDetailsPane *self = AK_KEY_DETAILS_PANE (object);
  GtkWidget *child;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->key != NULL)
    g_clear_signal_handler (&self->key_notify_id, self->key);
  g_clear_object (&self->key);
  g_clear_object (&self->details);
  g_clear_object (&self->session);

  gtk_widget_dispose_template (GTK_WIDGET (object), AK_TYPE_KEY_DETAILS_PANE);
  /* The template's children that have no ID are left to unparent here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (ak_key_details_pane_parent_class)->dispose (object);
}

static void
ak_key_details_pane_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  AkKeyDetailsPane *self = AK_KEY_DETAILS_PANE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_KEY:
      g_value_set_object (value, self->key);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, ak_key_details_pane_get_loading (self));
      break;

    case PROP_NARROW:
      g_value_set_boolean (value, self->narrow);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ak_key_details_pane_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  AkKeyDetailsPane *self = AK_KEY_DETAILS_PANE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      ak_key_details_pane_set_session (self, g_value_get_object (value));
      break;

    case PROP_KEY:
      ak_key_details_pane_set_key (self, g_value_get_object (value));
      break;

    case PROP_NARROW:
      ak_key_details_pane_set_narrow (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ak_key_details_pane_class_init (AkKeyDetailsPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ak_key_details_pane_dispose;
  object_class->get_property = ak_key_details_pane_get_property;
  object_class->set_property = ak_key_details_pane_set_property;

  properties [PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         AK_TYPE_ACCOUNT_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_KEY] =
    g_param_spec_object ("key", NULL, NULL,
                         AK_TYPE_KEY,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_NARROW] =
    g_param_spec_boolean ("narrow", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/accesskeys/AccessKeys/"
                                               "ak-key-details-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, AkKeyDetailsPane, back_button);
  gtk_widget_class_bind_template_child (widget_class, AkKeyDetailsPane, close_button);
  gtk_widget_class_bind_template_child (widget_class, AkKeyDetailsPane, stack);
  gtk_widget_class_bind_template_child (widget_class, AkKeyDetailsPane, content);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
ak_key_details_pane_init (AkKeyDetailsPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  C_("details pane", "Details"), -1);
}

GtkWidget *
ak_key_details_pane_new (void)
{
  return g_object_new (AK_TYPE_KEY_DETAILS_PANE, NULL);
}

AkAccountSession *
ak_key_details_pane_get_session (AkKeyDetailsPane *self)
{
  g_return_val_if_fail (AK_IS_KEY_DETAILS_PANE (self), NULL);

  return self->session;
}

/**
 * ak_key_details_pane_set_session:
 * @self: an #AkKeyDetailsPane
 * @session: (nullable): the session whose keys are shown, which looks up
 *   their owners and projects and keeps what it found
 */
void
ak_key_details_pane_set_session (AkKeyDetailsPane *self,
                                 AkAccountSession *session)
{
  g_return_if_fail (AK_IS_KEY_DETAILS_PANE (self));
  g_return_if_fail (!session || AK_IS_ACCOUNT_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;

  /* Another account's key is not this one's to show. */
  ak_key_details_pane_set_key (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SESSION]);
}

AkKey *
ak_key_details_pane_get_key (AkKeyDetailsPane *self)
{
  g_return_val_if_fail (AK_IS_KEY_DETAILS_PANE (self), NULL);

  return self->key;
}

/**
 * ak_key_details_pane_set_key:
 * @self: an #AkKeyDetailsPane
 * @key: (nullable): the key to show; the lookup for the one before is
 *   cancelled
 */
void
ak_key_details_pane_set_key (AkKeyDetailsPane *self,
                             AkKey            *key)
{
  g_return_if_fail (AK_IS_KEY_DETAILS_PANE (self));
  g_return_if_fail (!key || AK_IS_KEY (key));

  if (self->key == key)
    return;

  if (self->key != NULL)
    g_clear_signal_handler (&self->key_notify_id, self->key);
  g_set_object (&self->key, key);
  /* Flags, names and the deleting state change on the key in place. */
  if (key != NULL)
    self->key_notify_id = g_signal_connect_object (key, "notify",
                                                   G_CALLBACK (key_notify_cb), self,
                                                   G_CONNECT_SWAPPED);

  start_lookup (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_KEY]);
}

/**
 * ak_key_details_pane_get_loading:
 * @self: an #AkKeyDetailsPane
 *
 * Returns: whether the owner and project of the key shown are being looked up
 */
gboolean
ak_key_details_pane_get_loading (AkKeyDetailsPane *self)
{
  g_return_val_if_fail (AK_IS_KEY_DETAILS_PANE (self), FALSE);

  return self->cancellable != NULL;
}

gboolean
ak_key_details_pane_get_narrow (AkKeyDetailsPane *self)
{
  g_return_val_if_fail (AK_IS_KEY_DETAILS_PANE (self), FALSE);

  return self->narrow;
}

/**
 * ak_key_details_pane_set_narrow:
 * @self: an #AkKeyDetailsPane
 * @narrow: whether the pane is a page of its own, with a way back to the list
 */
void
ak_key_details_pane_set_narrow (AkKeyDetailsPane *self,
                                gboolean          narrow)
{
  g_return_if_fail (AK_IS_KEY_DETAILS_PANE (self));

  narrow = !!narrow;
  if (self->narrow == narrow)
    return;

  self->narrow = narrow;
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), narrow);
  gtk_widget_set_visible (GTK_WIDGET (self->close_button), !narrow);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_NARROW]);
}
