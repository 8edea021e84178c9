/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-cloud-config-search"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ak-cloud-config-parse.h"
#include "ak-cloud-config-search.h"
#include "ak-error.h"
#include "ak-util-private.h"

/* openstacksdk's suffixes, in its order. */
static const char *const suffixes[] = { ".yaml", ".yml", ".json" };

static void
add_candidates (GPtrArray  *paths,
                const char *dir,
                const char *base)
{
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (base, suffixes[i], NULL);

      g_ptr_array_add (paths, g_build_filename (dir, name, NULL));
    }
}

/**
 * ak_cloud_config_search_paths:
 * @kind: clouds.yaml or secure.yaml
 *
 * In a Flatpak the user's config folder is the app's own; the one the
 * person's tools use is ~/.config, which the sandbox lets the app read
 * (xdg-config/openstack, read-only), so it is searched too.
 *
 * Returns: (transfer full): the files to try, best first
 */
GStrv
ak_cloud_config_search_paths (AkCloudConfigFile kind)
{
  const char *variable = kind == AK_CLOUD_CONFIG_FILE_CLOUDS ? "OS_CLIENT_CONFIG_FILE"
                                                             : "OS_CLIENT_SECURE_FILE";
  const char *base = kind == AK_CLOUD_CONFIG_FILE_CLOUDS ? "clouds" : "secure";
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *user = g_build_filename (g_get_user_config_dir (), "openstack", NULL);
  const char *file = g_getenv (variable);

  if (file != NULL && *file != '\0')
    g_ptr_array_add (paths, g_strdup (file));

  add_candidates (paths, cwd, base);
  add_candidates (paths, user, base);

  if (g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
    {
      g_autofree char *host = g_build_filename (g_get_home_dir (), ".config", "openstack", NULL);

      if (g_strcmp0 (host, user) != 0)
        add_candidates (paths, host, base);
    }

  add_candidates (paths, "/etc/openstack", base);
  g_ptr_array_add (paths, NULL);

  return (GStrv)g_ptr_array_free (g_steal_pointer (&paths), FALSE);
}

/* A file's bytes, overwritten before they are freed. */
typedef struct
{
  char  *data;
  gsize  size;
} Buffer;

static void
buffer_wipe_and_free (gpointer user_data)
{
  Buffer *buffer = user_data;

  _ak_wipe_bytes (buffer->data, buffer->size);
  g_free (buffer->data);
  g_free (buffer);
}

static GError *
unreadable_error (const char   *path,
                  const GError *cause)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *message = NULL;

  /* Translators: %s is a file's name, such as "clouds.yaml". */
  message = g_strdup_printf (_("%s could not be read."), name);

  return ak_error_new_literal (AK_ERROR_INVALID, message, 0, cause->message);
}

/* The file's bytes, to be wiped once parsed (they may hold a password):
 * at most AK_CLOUD_CONFIG_MAX_SIZE of them, or an error. */
static GBytes *
read_limited (const char    *path,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  Buffer *buffer;
  gsize len = 0;

  stream = g_file_read (file, cancellable, &local_error);
  if (stream == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  /* One byte more than allowed tells a file that is too large. */
  buffer = g_new0 (Buffer, 1);
  buffer->size = AK_CLOUD_CONFIG_MAX_SIZE + 1;
  buffer->data = g_malloc (buffer->size);
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), buffer->data, buffer->size,
                                &len, cancellable, &local_error))
    {
      buffer_wipe_and_free (buffer);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_bytes_new_with_free_func (buffer->data, len, buffer_wipe_and_free, buffer);
}

/* The first of @paths that can be read, as openstacksdk takes it: a file
 * that is missing or may not be read is passed over. */
static GBytes *
read_first (const char *const  *paths,
            char              **found,
            GCancellable       *cancellable,
            GError            **error)
{
  *found = NULL;

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GError) local_error = NULL;
      GBytes *bytes = read_limited (paths[i], cancellable, &local_error);

      if (bytes != NULL)
        {
          *found = g_strdup (paths[i]);
          return bytes;
        }

      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_debug ("Passing over %s: %s", paths[i], local_error->message);
    }

  return NULL;
}

static GPtrArray *
parse (GBytes      *clouds,
       const char  *clouds_path,
       GBytes      *secure,
       const char  *secure_path,
       GError     **error)
{
  /* A secure.yaml alone names clouds as well. */
  if (clouds == NULL && secure != NULL)
    return ak_cloud_config_parse_clouds (secure, secure_path, NULL, NULL, error);

  if (clouds == NULL)
    return g_ptr_array_new_with_free_func (g_object_unref);

  return ak_cloud_config_parse_clouds (clouds, clouds_path, secure, secure_path, error);
}

/**
 * ak_cloud_config_find:
 * @cancellable: (nullable): a #GCancellable
 * @error: a file refused, or the search cancelled
 *
 * Blocks on the files; the app calls ak_cloud_config_find_async().
 *
 * Returns: (transfer container) (element-type AkCloudConfig): the clouds
 *   found, which may be none
 */
GPtrArray *
ak_cloud_config_find (GCancellable  *cancellable,
                      GError       **error)
{
  g_auto(GStrv) cloud_paths = ak_cloud_config_search_paths (AK_CLOUD_CONFIG_FILE_CLOUDS);
  g_auto(GStrv) secure_paths = ak_cloud_config_search_paths (AK_CLOUD_CONFIG_FILE_SECURE);
  g_autoptr(GBytes) clouds = NULL;
  g_autoptr(GBytes) secure = NULL;
  g_autofree char *clouds_path = NULL;
  g_autofree char *secure_path = NULL;
  GError *local_error = NULL;

  clouds = read_first ((const char *const *)cloud_paths, &clouds_path, cancellable,
                       &local_error);
  if (local_error == NULL)
    secure = read_first ((const char *const *)secure_paths, &secure_path, cancellable,
                         &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  return parse (clouds, clouds_path, secure, secure_path, error);
}

static gboolean
is_yaml_name (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (g_str_has_suffix (lower, suffixes[i]))
      return TRUE;

  return FALSE;
}

/**
 * ak_cloud_config_load_file:
 * @file: a clouds.yaml (or .yml, .json) or an openrc a person picked
 * @cancellable: (nullable): a #GCancellable
 * @error: the file unreadable or refused
 *
 * Returns: (transfer container) (element-type AkCloudConfig): its clouds
 */
GPtrArray *
ak_cloud_config_load_file (GFile         *file,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  path = g_file_get_path (file);
  if (path == NULL)
    path = g_file_get_uri (file);

  bytes = read_limited (path, cancellable, &local_error);
  if (bytes == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_propagate_error (error, unreadable_error (path, local_error));
      return NULL;
    }

  if (is_yaml_name (path))
    {
      g_autofree char *dir = g_path_get_dirname (path);
      g_autoptr(GPtrArray) secure_paths = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GBytes) secure = NULL;
      g_autofree char *secure_path = NULL;
      g_autofree char *name = g_path_get_basename (path);

      /* The secure.yaml beside it, unless it is that file. */
      if (!g_str_has_prefix (name, "secure."))
        add_candidates (secure_paths, dir, "secure");
      g_ptr_array_add (secure_paths, NULL);
      secure = read_first ((const char *const *)secure_paths->pdata, &secure_path, cancellable,
                           &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      return ak_cloud_config_parse_clouds (bytes, path, secure, secure_path, error);
    }

  return ak_cloud_config_parse_openrc (bytes, path, error);
}

static void
find_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *clouds;

  if (task_data != NULL)
    clouds = ak_cloud_config_load_file (task_data, cancellable, &error);
  else
    clouds = ak_cloud_config_find (cancellable, &error);

  if (clouds == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, clouds, (GDestroyNotify)g_ptr_array_unref);
}

void
ak_cloud_config_find_async (GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ak_cloud_config_find_async);
  g_task_run_in_thread (task, find_thread);
}

GPtrArray *
ak_cloud_config_find_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, ak_cloud_config_find_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
ak_cloud_config_load_file_async (GFile               *file,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ak_cloud_config_load_file_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, find_thread);
}

GPtrArray *
ak_cloud_config_load_file_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, ak_cloud_config_load_file_async),
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
