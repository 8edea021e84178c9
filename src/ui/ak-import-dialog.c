/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-import-dialog"

#include "config.h"

/* The file chooser is GtkFileDialog (GTK 4.10) where the stack has it, and
 * GtkFileChooserNative, deprecated there, on 4.8: this file may use 4.10's
 * API, each use behind GTK_CHECK_VERSION (4, 10, 0). */
#undef GDK_VERSION_MAX_ALLOWED
#define GDK_VERSION_MAX_ALLOWED G_ENCODE_VERSION (4, 10)

#include <string.h>

#include <glib/gi18n.h>

#include "ak-cloud-config-search.h"
#include "ak-error.h"
#include "ak-import-dialog.h"

/* Import from OpenStack Configuration: the clouds in the clouds.yaml and
 * secure.yaml openstacksdk would read, or in a clouds.yaml or openrc file
 * the person picks. Choosing one emits ::cloud-chosen and closes; the
 * account dialog fills its form from it. The secret a file holds is never
 * shown, only whether there is one. */
struct _AkImportDialog
{
  AdwWindow            parent_instance;

  /* template children */
  GtkStack            *stack;
  GtkSpinner          *spinner;
  AdwPreferencesGroup *clouds_group;
  GtkListBox          *list_box;
  AdwStatusPage       *problem_page;
  GtkExpander         *detail_expander;
  GtkLabel            *detail_label;

  /* owned references */
  GPtrArray           *clouds;
  GCancellable        *cancellable;
};

G_DEFINE_FINAL_TYPE (AkImportDialog, ak_import_dialog, ADW_TYPE_WINDOW)

enum {
  CLOUD_CHOSEN,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/* "identity.example.com:5000" of an address, or the address as written. */
static char *
dup_host (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return g_strdup (url);

  if (g_uri_get_port (uri) > 0)
    return g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri));

  return g_strdup (g_uri_get_host (uri));
}

/* "~/.config/openstack/clouds.yaml": the home folder as people write it. */
static char *
dup_display_path (const char *path)
{
  const char *home = g_get_home_dir ();
  gsize len = strlen (home);

  if (len > 1 && strncmp (path, home, len) == 0 && path[len] == G_DIR_SEPARATOR)
    return g_strconcat ("~", path + len, NULL);

  return g_strdup (path);
}

/* user · project · address · whether the password is there; never the
 * password itself. */
static char *
dup_subtitle (AkCloudConfig *cloud)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  gboolean app_cred =
    ak_cloud_config_get_auth_kind (cloud) == AK_AUTH_KIND_APPLICATION_CREDENTIAL;
  gboolean has_secret = ak_cloud_config_get_secret (cloud) != NULL;
  const char *project = ak_cloud_config_get_project_name (cloud);
  const char *url = ak_cloud_config_get_auth_url (cloud);
  const char *profile = ak_cloud_config_get_profile (cloud);

  if (!ak_cloud_config_is_supported (cloud))
    {
      /* Translators: a cloud in the import list that signs in with a token,
       * a single sign-on or a one-time code. */
      return g_strdup (_("Signs in a way this app does not support"));
    }

  if (app_cred)
    g_ptr_array_add (parts, g_strdup (_("Application credential")));
  else if (ak_cloud_config_get_username (cloud) != NULL)
    g_ptr_array_add (parts, g_strdup (ak_cloud_config_get_username (cloud)));

  if (project == NULL)
    project = ak_cloud_config_get_project_id (cloud);
  if (project != NULL && !app_cred)
    g_ptr_array_add (parts, g_strdup (project));

  if (url != NULL)
    g_ptr_array_add (parts, dup_host (url));
  else if (profile != NULL)
    /* Translators: %s names a provider's settings that openstacksdk ships,
     * such as "vexxhost"; the app does not read them. */
    g_ptr_array_add (parts, g_strdup_printf (_("no address (uses the “%s” profile)"), profile));
  else
    g_ptr_array_add (parts, g_strdup (_("no address")));

  if (app_cred)
    g_ptr_array_add (parts, g_strdup (has_secret ? _("secret included")
                                                 : _("secret not included")));
  else
    g_ptr_array_add (parts, g_strdup (has_secret ? _("password included")
                                                 : _("password not included")));

  g_ptr_array_add (parts, NULL);

  /* Translators: between the parts of a cloud's description, such as
   * "alice · demo · identity.example.com · password included". */
  return g_strjoinv (_(" · "), (char **)parts->pdata);
}

static GtkWidget *
new_row (AkCloudConfig *cloud)
{
  g_autofree char *subtitle = dup_subtitle (cloud);
  GtkWidget *row = adw_action_row_new ();

  /* Names and addresses come from a file: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ak_cloud_config_get_name (cloud));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row),
                                    ak_cloud_config_is_supported (cloud));
  gtk_widget_set_sensitive (row, ak_cloud_config_is_supported (cloud));
  if (ak_cloud_config_is_supported (cloud))
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               gtk_image_new_from_icon_name ("go-next-symbolic"));

  return row;
}

static void
clear_rows (AkImportDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);
}

static void
show_loading (AkImportDialog *self)
{
  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "loading");
}

static void
show_clouds (AkImportDialog *self,
             GPtrArray      *clouds)
{
  g_autofree char *description = NULL;
  g_autofree char *path = NULL;
  GtkWidget *first = NULL;

  gtk_spinner_stop (self->spinner);
  clear_rows (self);
  g_clear_pointer (&self->clouds, g_ptr_array_unref);
  self->clouds = g_ptr_array_ref (clouds);

  if (clouds->len == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  for (guint i = 0; i < clouds->len; i++)
    {
      GtkWidget *row = new_row (clouds->pdata[i]);

      gtk_list_box_append (self->list_box, row);
      if (first == NULL && ak_cloud_config_is_supported (clouds->pdata[i]))
        first = row;
    }

  path = dup_display_path (ak_cloud_config_get_path (clouds->pdata[0]));
  /* Translators: %s is the path of a file, such as
   * "~/.config/openstack/clouds.yaml". */
  description = g_strdup_printf (_("From %s"), path);
  adw_preferences_group_set_description (self->clouds_group, description);
  gtk_stack_set_visible_child_name (self->stack, "clouds");

  /* Enter imports the first cloud this app can sign in to. */
  if (first != NULL)
    gtk_widget_grab_focus (first);
}

static void
show_problem (AkImportDialog *self,
              const GError   *error)
{
  const char *detail = ak_error_get_detail (error);

  gtk_spinner_stop (self->spinner);
  adw_status_page_set_description (self->problem_page, error->message);
  gtk_label_set_text (self->detail_label, detail != NULL ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail_expander), detail != NULL && *detail != '\0');
  gtk_stack_set_visible_child_name (self->stack, "problem");
}

/* One search or file at a time: a new one replaces the one running. */
static GCancellable *
restart (AkImportDialog *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  show_loading (self);

  return self->cancellable;
}

static void
found_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(AkImportDialog) self = user_data;
  g_autoptr(GPtrArray) clouds = NULL;
  g_autoptr(GError) error = NULL;

  if (g_async_result_is_tagged (result, ak_cloud_config_find_async))
    clouds = ak_cloud_config_find_finish (result, &error);
  else
    clouds = ak_cloud_config_load_file_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);

  if (clouds == NULL)
    show_problem (self, error);
  else
    show_clouds (self, clouds);
}

/**
 * ak_import_dialog_load_file:
 * @self: an #AkImportDialog
 * @file: a clouds.yaml or openrc file
 *
 * Lists the clouds in @file instead, as Choose File… does.
 */
void
ak_import_dialog_load_file (AkImportDialog *self,
                            GFile          *file)
{
  g_return_if_fail (AK_IS_IMPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  ak_cloud_config_load_file_async (file, restart (self), found_cb, g_object_ref (self));
}

static void
row_activated_cb (AkImportDialog *self,
                  GtkListBoxRow  *row)
{
  int index = gtk_list_box_row_get_index (row);
  g_autoptr(AkCloudConfig) cloud = NULL;

  if (self->clouds == NULL || index < 0 || (guint)index >= self->clouds->len)
    return;

  cloud = g_object_ref (self->clouds->pdata[index]);
  if (!ak_cloud_config_is_supported (cloud))
    return;

  g_signal_emit (self, signals [CLOUD_CHOSEN], 0, cloud);
  gtk_window_close (GTK_WINDOW (self));
}

static GtkFileFilter *
new_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  /* Translators: a kind of file in the Choose File dialog. */
  gtk_file_filter_set_name (filter, _("OpenStack configuration"));
  gtk_file_filter_add_suffix (filter, "yaml");
  gtk_file_filter_add_suffix (filter, "yml");
  gtk_file_filter_add_suffix (filter, "json");
  gtk_file_filter_add_suffix (filter, "sh");
  gtk_file_filter_add_pattern (filter, "*openrc*");

  return filter;
}

static GtkFileFilter *
new_all_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  /* Translators: a kind of file in the Choose File dialog. */
  gtk_file_filter_set_name (filter, _("All files"));
  gtk_file_filter_add_pattern (filter, "*");

  return filter;
}

#if GTK_CHECK_VERSION (4, 10, 0)
static void
open_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(AkImportDialog) self = user_data;
  g_autoptr(GFile) file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (object), result, NULL);

  /* Nothing chosen: the list stays as it was. */
  if (file != NULL)
    ak_import_dialog_load_file (self, file);
}

static void
choose_file (AkImportDialog *self)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr(GtkFileFilter) filter = new_filter ();
  g_autoptr(GtkFileFilter) all = new_all_filter ();

  g_list_store_append (filters, filter);
  g_list_store_append (filters, all);
  gtk_file_dialog_set_title (dialog, _("Choose a clouds.yaml or openrc File"));
  gtk_file_dialog_set_accept_label (dialog, _("_Open"));
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
  gtk_file_dialog_set_default_filter (dialog, filter);
  gtk_file_dialog_open (dialog, GTK_WINDOW (self), NULL, open_cb, g_object_ref (self));
}
#else
static void
response_cb (GtkNativeDialog *dialog,
             int              response,
             gpointer         user_data)
{
  g_autoptr(AkImportDialog) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        ak_import_dialog_load_file (self, file);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
choose_file (AkImportDialog *self)
{
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = new_filter ();
  g_autoptr(GtkFileFilter) all = new_all_filter ();

  dialog = gtk_file_chooser_native_new (_("Choose a clouds.yaml or openrc File"),
                                        GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), all);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (dialog), filter);
  /* The dialog is ours until it answers (response_cb). */
  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}
#endif

static void
choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  choose_file (AK_IMPORT_DIALOG (widget));
}

static void
ak_import_dialog_constructed (GObject *object)
{
  AkImportDialog *self = AK_IMPORT_DIALOG (object);

  G_OBJECT_CLASS (ak_import_dialog_parent_class)->constructed (object);

  ak_cloud_config_find_async (restart (self), found_cb, g_object_ref (self));
}

static void
ak_import_dialog_dispose (GObject *object)
{
  AkImportDialog *self = AK_IMPORT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), AK_TYPE_IMPORT_DIALOG);

  /* The clouds hold secrets: they go (and are wiped) with the dialog. */
  g_clear_pointer (&self->clouds, g_ptr_array_unref);

  G_OBJECT_CLASS (ak_import_dialog_parent_class)->dispose (object);
}

static void
ak_import_dialog_class_init (AkImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ak_import_dialog_constructed;
  object_class->dispose = ak_import_dialog_dispose;

  /**
   * AkImportDialog::cloud-chosen:
   * @self: the dialog
   * @cloud: the #AkCloudConfig chosen
   *
   * Emitted when a cloud is chosen, just before the dialog closes.
   */
  signals [CLOUD_CHOSEN] =
    g_signal_new ("cloud-chosen",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, AK_TYPE_CLOUD_CONFIG);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ak-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AkImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, AkImportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, AkImportDialog, clouds_group);
  gtk_widget_class_bind_template_child (widget_class, AkImportDialog, list_box);
  gtk_widget_class_bind_template_child (widget_class, AkImportDialog, problem_page);
  gtk_widget_class_bind_template_child (widget_class, AkImportDialog, detail_expander);
  gtk_widget_class_bind_template_child (widget_class, AkImportDialog, detail_label);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "import.choose-file", NULL, choose_file_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ak_import_dialog_init (AkImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * ak_import_dialog_new:
 * @parent: (nullable): the sign-in dialog it fills
 *
 * Returns: (transfer none): a new dialog, already looking for clouds;
 *   present it
 */
AkImportDialog *
ak_import_dialog_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (AK_TYPE_IMPORT_DIALOG,
                       "transient-for", parent,
                       NULL);
}
