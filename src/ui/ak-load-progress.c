/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-load-progress"

#include "config.h"

#include <glib/gi18n.h>

#include "ak-load-progress.h"

/* The line under the header while every user's keys load: "Loaded 412 of
 * 2,000 users" with a Stop button, "Loading stopped: …" when the list shown
 * is only a part, and the users whose keys could not be read, by name. It
 * follows the session's figures; the labels are what a screen reader reads
 * (GTK 4.8 has no live regions), and the widget's accessible description
 * carries the same sentence. */

/* Names shown before "and N more". */
#define MAX_NAMES 5

struct _AkLoadProgress
{
  GtkWidget         parent_instance;

  /* Children */
  GtkWidget        *box;
  GtkWidget        *progress_label;
  GtkWidget        *stop_button;
  GtkWidget        *failed_label;

  /* Owned references */
  AkAccountSession *session;
};

G_DEFINE_FINAL_TYPE (AkLoadProgress, ak_load_progress, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* Returns: (transfer full): @n with the locale's thousands separator */
static char *
format_count (guint n)
{
  return g_strdup_printf ("%'u", n);
}

static char *
progress_text (AkAccountSession *session)
{
  guint loaded = ak_account_session_get_users_loaded (session);
  guint total = ak_account_session_get_users_total (session);
  g_autofree char *loaded_text = format_count (loaded);
  g_autofree char *total_text = format_count (total);

  if (ak_account_session_get_loading_users (session))
    {
      if (total == 0)
        return g_strdup (_("Loading the list of users…"));

      /* Translators: the first %s is how many users' keys have been read,
       * the second how many users there are ("Loaded 412 of 2,000 users"). */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Loaded %s of %s user",
                                           "Loaded %s of %s users", total),
                              loaded_text, total_text);
    }

  if (ak_account_session_get_partial (session))
    /* Translators: the list was stopped; the first %s is how many users'
     * keys are shown, the second how many users there are. */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Loading stopped: %s of %s user. Only their keys "
                                         "are shown.",
                                         "Loading stopped: %s of %s users. Only their keys "
                                         "are shown.", total),
                            loaded_text, total_text);

  return NULL;
}

static char *
failed_text (AkAccountSession *session)
{
  const char * const *names = ak_account_session_get_failed_users (session);
  g_autoptr(GString) list = NULL;
  guint n;

  if (names == NULL || names[0] == NULL)
    return NULL;

  n = g_strv_length ((char **) names);
  list = g_string_new (NULL);
  for (guint i = 0; i < n && i < MAX_NAMES; i++)
    {
      if (i > 0)
        /* Translators: between two names in a list. */
        g_string_append (list, _(", "));
      g_string_append (list, names[i]);
    }

  if (n > MAX_NAMES)
    {
      g_autofree char *more = NULL;

      /* Translators: after the first names of a list; %u is how many more. */
      more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s and %u more", "%s and %u more",
                                           n - MAX_NAMES),
                              list->str, n - MAX_NAMES);
      g_string_assign (list, more);
    }

  /* Translators: %u is how many users, %s their names ("bob, carol"). */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Could not read the keys of %u user: %s",
                                       "Could not read the keys of %u users: %s", n),
                          n, list->str);
}

static void
update (AkLoadProgress *self)
{
  g_autofree char *progress = NULL;
  g_autofree char *failed = NULL;

  if (self->session != NULL)
    {
      progress = progress_text (self->session);
      failed = failed_text (self->session);
    }

  gtk_label_set_text (GTK_LABEL (self->progress_label), progress != NULL ? progress : "");
  gtk_widget_set_visible (self->progress_label, progress != NULL);
  gtk_widget_set_visible (self->stop_button,
                          self->session != NULL &&
                          ak_account_session_get_loading_users (self->session));
  gtk_label_set_text (GTK_LABEL (self->failed_label), failed != NULL ? failed : "");
  gtk_widget_set_visible (self->failed_label, failed != NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  progress != NULL ? progress : (failed != NULL ? failed : ""),
                                  -1);
  gtk_widget_set_visible (GTK_WIDGET (self), progress != NULL || failed != NULL);
}

static void
ak_load_progress_dispose (GObject *object)
{
  AkLoadProgress *self = AK_LOAD_PROGRESS (object);

  ak_load_progress_set_session (self, NULL);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (ak_load_progress_parent_class)->dispose (object);
}

static void
ak_load_progress_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AkLoadProgress *self = AK_LOAD_PROGRESS (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ak_load_progress_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  AkLoadProgress *self = AK_LOAD_PROGRESS (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      ak_load_progress_set_session (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ak_load_progress_class_init (AkLoadProgressClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ak_load_progress_dispose;
  object_class->get_property = ak_load_progress_get_property;
  object_class->set_property = ak_load_progress_set_property;

  properties [PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, AK_TYPE_ACCOUNT_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "loadprogress");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
ak_load_progress_init (AkLoadProgress *self)
{
  GtkWidget *line;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_start (self->box, 12);
  gtk_widget_set_margin_end (self->box, 12);
  gtk_widget_set_margin_top (self->box, 6);
  gtk_widget_set_margin_bottom (self->box, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_box_append (GTK_BOX (self->box), line);

  self->progress_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->progress_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->progress_label), TRUE);
  gtk_widget_set_hexpand (self->progress_label, TRUE);
  gtk_box_append (GTK_BOX (line), self->progress_label);

  self->stop_button = gtk_button_new_with_mnemonic (_("_Stop"));
  gtk_widget_set_tooltip_text (self->stop_button,
                               _("Stop loading and keep the keys loaded so far"));
  gtk_widget_set_valign (self->stop_button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->stop_button), "win.cancel-loading");
  gtk_box_append (GTK_BOX (line), self->stop_button);

  self->failed_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->failed_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->failed_label), TRUE);
  gtk_widget_add_css_class (self->failed_label, "warning");
  gtk_box_append (GTK_BOX (self->box), self->failed_label);

  update (self);
}

GtkWidget *
ak_load_progress_new (void)
{
  return g_object_new (AK_TYPE_LOAD_PROGRESS, NULL);
}

/**
 * ak_load_progress_get_session:
 * @self: an #AkLoadProgress
 *
 * Returns: (transfer none) (nullable): the session whose load it shows
 */
AkAccountSession *
ak_load_progress_get_session (AkLoadProgress *self)
{
  g_return_val_if_fail (AK_IS_LOAD_PROGRESS (self), NULL);

  return self->session;
}

/**
 * ak_load_progress_set_session:
 * @self: an #AkLoadProgress
 * @session: (nullable): the session whose load to show
 */
void
ak_load_progress_set_session (AkLoadProgress   *self,
                              AkAccountSession *session)
{
  static const char * const watched[] = {
    "notify::users-loaded", "notify::users-total", "notify::loading-users",
    "notify::partial", "notify::failed-users",
  };

  g_return_if_fail (AK_IS_LOAD_PROGRESS (self));
  g_return_if_fail (!session || AK_IS_ACCOUNT_SESSION (session));

  if (self->session == session)
    return;

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);

  g_set_object (&self->session, session);

  if (session != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (watched); i++)
      g_signal_connect_object (session, watched[i], G_CALLBACK (update), self,
                               G_CONNECT_SWAPPED);

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SESSION]);
}

/**
 * ak_load_progress_get_progress_text:
 * @self: an #AkLoadProgress
 *
 * Returns: (transfer none): the progress line as shown, "" when none
 */
const char *
ak_load_progress_get_progress_text (AkLoadProgress *self)
{
  g_return_val_if_fail (AK_IS_LOAD_PROGRESS (self), NULL);

  return gtk_label_get_text (GTK_LABEL (self->progress_label));
}

/**
 * ak_load_progress_get_failed_text:
 * @self: an #AkLoadProgress
 *
 * Returns: (transfer none): the sentence naming the users whose keys could
 *   not be read, "" when none
 */
const char *
ak_load_progress_get_failed_text (AkLoadProgress *self)
{
  g_return_val_if_fail (AK_IS_LOAD_PROGRESS (self), NULL);

  return gtk_label_get_text (GTK_LABEL (self->failed_label));
}
