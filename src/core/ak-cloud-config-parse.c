/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-cloud-config-parse"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ak-cloud-config-parse.h"
#include "ak-cloud-config-private.h"
#include "ak-error.h"
#include "ak-util-private.h"
#include "ak-yaml-private.h"

/* What openstacksdk reads and this app uses, and no more: profiles (a
 * provider's defaults shipped with openstacksdk) are named but not read,
 * per-region "values" are passed over, and auth types other than a
 * password or an application credential are listed as not supported. */

/* Errors ------------------------------------------------------------------ */

/**
 * ak_cloud_config_error_new:
 * @path: the file
 * @line: the line the problem is on, from 1, or 0 for the whole file
 * @reason: (nullable): why, in English, for the details
 *
 * Returns: (transfer full): the one sentence every refused file gets
 */
GError *
ak_cloud_config_error_new (const char *path,
                           guint       line,
                           const char *reason)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *message = NULL;
  g_autofree char *detail = NULL;

  if (line > 0)
    /* Translators: the first %s is a file's name, such as "clouds.yaml";
     * %u the number of a line in it (not a count). Said of a file that holds OpenStack
     * sign-in details (clouds.yaml, secure.yaml or an openrc file). */
    message = g_strdup_printf (_("%s, line %u: this is not a valid OpenStack configuration."),
                               name, line);
  else
    /* Translators: %s is a file's name, such as "clouds.yaml". */
    message = g_strdup_printf (_("%s: this is not a valid OpenStack configuration."), name);

  if (reason != NULL)
    detail = line > 0 ? g_strdup_printf ("%s, line %u: %s.", path, line, reason)
                      : g_strdup_printf ("%s: %s.", path, reason);

  return ak_error_new_literal (AK_ERROR_INVALID, message, 0, detail);
}

GError *
ak_cloud_config_too_large_error_new (const char *path)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *message = NULL;
  g_autofree char *detail = NULL;

  /* Translators: %s is a file's name, such as "clouds.yaml". */
  message = g_strdup_printf (_("%s is too large to be an OpenStack configuration."), name);
  detail = g_strdup_printf ("%s is larger than %u bytes.", path,
                            (guint)AK_CLOUD_CONFIG_MAX_SIZE);

  return ak_error_new_literal (AK_ERROR_INVALID, message, 0, detail);
}

/* Values ------------------------------------------------------------------- */

/* Text a person will read in the list: no control or formatting characters
 * (a right-to-left override could make one cloud look like another). */
static gboolean
is_plain_text (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) || g_unichar_type (c) == G_UNICODE_FORMAT)
        return FALSE;
    }

  return TRUE;
}

static gboolean
check_value (const char  *text,
             gboolean     secret,
             const char **reason)
{
  if (strlen (text) > AK_CLOUD_CONFIG_MAX_VALUE_LEN)
    {
      *reason = "a value is too long";
      return FALSE;
    }

  if (!secret && !is_plain_text (text))
    {
      *reason = "a value holds control characters";
      return FALSE;
    }

  return TRUE;
}

/* clouds.yaml and secure.yaml ----------------------------------------------- */

typedef struct
{
  const char    *path;
  AkYamlNode    *root;
  AkYamlNode    *clouds;
} YamlFile;

static void
yaml_file_clear (YamlFile *file)
{
  g_clear_pointer (&file->root, _ak_yaml_node_free);
}

/* openstacksdk reads "auth-url" as "auth_url". */
static gboolean
key_equal (const char *written,
           const char *key)
{
  for (; *written != '\0' && *key != '\0'; written++, key++)
    {
      char c = *written == '-' ? '_' : *written;

      if (c != *key)
        return FALSE;
    }

  return *written == '\0' && *key == '\0';
}

static AkYamlNode *
get (AkYamlNode *mapping,
     const char *key)
{
  if (mapping == NULL || mapping->kind != AK_YAML_MAPPING)
    return NULL;

  for (guint i = mapping->children->len; i >= 2; i -= 2)
    {
      AkYamlNode *k = mapping->children->pdata[i - 2];

      if (k->kind == AK_YAML_SCALAR && key_equal (k->text, key))
        return mapping->children->pdata[i - 1];
    }

  return NULL;
}

static gboolean
load_yaml (YamlFile    *file,
           GBytes      *bytes,
           const char  *path,
           GError     **error)
{
  AkYamlProblem problem;
  gsize len = 0;
  const char *text = g_bytes_get_data (bytes, &len);

  file->path = path;

  if (len > AK_CLOUD_CONFIG_MAX_SIZE)
    {
      g_propagate_error (error, ak_cloud_config_too_large_error_new (path));
      return FALSE;
    }

  file->root = _ak_yaml_parse (text != NULL ? text : "", len, &problem);
  if (file->root == NULL && problem.reason != NULL)
    {
      g_propagate_error (error, ak_cloud_config_error_new (path, problem.line, problem.reason));
      return FALSE;
    }

  /* An empty file names no cloud. */
  if (_ak_yaml_node_is_null (file->root))
    return TRUE;

  if (file->root->kind != AK_YAML_MAPPING)
    {
      g_propagate_error (error, ak_cloud_config_error_new (path, file->root->line,
                                                           "the file is not a mapping"));
      return FALSE;
    }

  file->clouds = get (file->root, "clouds");
  if (_ak_yaml_node_is_null (file->clouds))
    {
      file->clouds = NULL;
      return TRUE;
    }

  if (file->clouds->kind != AK_YAML_MAPPING)
    {
      g_propagate_error (error, ak_cloud_config_error_new (path, file->clouds->line,
                                                           "“clouds” is not a mapping"));
      return FALSE;
    }

  if (file->clouds->children->len / 2 > AK_CLOUD_CONFIG_MAX_CLOUDS)
    {
      g_propagate_error (error, ak_cloud_config_error_new (path, file->clouds->line,
                                                           "it names too many clouds"));
      return FALSE;
    }

  return TRUE;
}

/* One cloud, as openstacksdk merges it: what secure.yaml says wins, down to
 * each value inside "auth". */
typedef struct
{
  const char *name;
  AkYamlNode *cloud;
  const char *cloud_path;
  AkYamlNode *secure;
  const char *secure_path;
} Cloud;

/* Finds the value at @path ("auth/password" is two keys) in secure.yaml,
 * then in clouds.yaml; says which file it came from. */
static AkYamlNode *
lookup (Cloud       *cloud,
        const char  *key_path,
        const char **file)
{
  g_auto(GStrv) keys = g_strsplit (key_path, "/", -1);
  AkYamlNode *sources[] = { cloud->secure, cloud->cloud };
  const char *paths[] = { cloud->secure_path, cloud->cloud_path };

  for (guint s = 0; s < G_N_ELEMENTS (sources); s++)
    {
      AkYamlNode *node = sources[s];

      for (guint i = 0; node != NULL && keys[i] != NULL; i++)
        node = get (node, keys[i]);

      if (node != NULL)
        {
          *file = paths[s];
          return node;
        }
    }

  return NULL;
}

/* The text at @key_path, %NULL when it is not there, or FALSE with @error
 * when it is there but no text a sign-in can use. */
static gboolean
lookup_text (Cloud       *cloud,
             const char  *key_path,
             gboolean     secret,
             char       **value,
             GError     **error)
{
  const char *file = NULL;
  AkYamlNode *node = lookup (cloud, key_path, &file);
  const char *reason = NULL;

  *value = NULL;

  if (_ak_yaml_node_is_null (node))
    return TRUE;

  if (node->kind != AK_YAML_SCALAR)
    {
      g_propagate_error (error, ak_cloud_config_error_new (file, node->line,
                                                           "a sign-in detail is not text"));
      return FALSE;
    }

  if (!check_value (node->text, secret, &reason))
    {
      g_propagate_error (error, ak_cloud_config_error_new (file, node->line, reason));
      return FALSE;
    }

  if (*node->text != '\0')
    *value = g_strdup (node->text);

  return TRUE;
}

/* The first text found at one of @key_paths. */
static gboolean
lookup_first (Cloud       *cloud,
              const char  *const *key_paths,
              char       **value,
              GError     **error)
{
  for (guint i = 0; key_paths[i] != NULL; i++)
    {
      if (!lookup_text (cloud, key_paths[i], FALSE, value, error))
        return FALSE;
      if (*value != NULL)
        return TRUE;
    }

  return TRUE;
}

/* A domain by name, or the default domain by its ID: Keystone's default
 * domain is "default" by ID and "Default" by name everywhere. */
static gboolean
lookup_domain (Cloud       *cloud,
               const char  *name_path,
               const char  *id_path,
               char       **value,
               GError     **error)
{
  g_autofree char *id = NULL;

  if (!lookup_text (cloud, name_path, FALSE, value, error))
    return FALSE;
  if (*value != NULL)
    return TRUE;

  if (!lookup_text (cloud, id_path, FALSE, &id, error))
    return FALSE;
  if (g_strcmp0 (id, "default") == 0)
    *value = g_strdup ("Default");

  return TRUE;
}

/* "region_name", or the first of "regions", each a name or a mapping
 * with one. */
static gboolean
lookup_region (Cloud       *cloud,
               char       **value,
               GError     **error)
{
  const char *file = NULL;
  AkYamlNode *regions;
  AkYamlNode *first;

  if (!lookup_text (cloud, "region_name", FALSE, value, error))
    return FALSE;
  if (*value != NULL)
    return TRUE;

  regions = lookup (cloud, "regions", &file);
  if (_ak_yaml_node_is_null (regions))
    return TRUE;

  if (regions->kind != AK_YAML_SEQUENCE)
    {
      g_propagate_error (error, ak_cloud_config_error_new (file, regions->line,
                                                           "“regions” is not a list"));
      return FALSE;
    }

  if (regions->children->len == 0)
    return TRUE;

  first = regions->children->pdata[0];
  if (first->kind == AK_YAML_MAPPING)
    first = get (first, "name");

  if (first == NULL || first->kind != AK_YAML_SCALAR)
    {
      g_propagate_error (error, ak_cloud_config_error_new (file, regions->line,
                                                           "a region has no name"));
      return FALSE;
    }

  {
    const char *reason = NULL;

    if (!check_value (first->text, FALSE, &reason))
      {
        g_propagate_error (error, ak_cloud_config_error_new (file, first->line, reason));
        return FALSE;
      }
  }

  *value = g_strdup (first->text);

  return TRUE;
}

static AkCloudConfig *
read_cloud (Cloud   *cloud,
            GError **error)
{
  static const char *const project_names[] = { "auth/project_name", "auth/tenant_name", NULL };
  static const char *const project_ids[] = { "auth/project_id", "auth/tenant_id", NULL };
  static const char *const profiles[] = { "profile", "cloud", NULL };
  AkCloudConfigFields fields = { 0, };
  g_autofree char *secret = NULL;
  const char *reason = NULL;
  const char *file = NULL;
  AkYamlNode *node;
  gboolean ok;

  /* A cloud that is no mapping: openstacksdk fails on it too. */
  for (guint i = 0; i < 2; i++)
    {
      node = i == 0 ? cloud->cloud : cloud->secure;
      file = i == 0 ? cloud->cloud_path : cloud->secure_path;

      if (node != NULL && node->kind != AK_YAML_MAPPING && !_ak_yaml_node_is_null (node))
        {
          g_propagate_error (error, ak_cloud_config_error_new (file, node->line,
                                                               "a cloud is not a mapping"));
          return NULL;
        }
    }

  node = lookup (cloud, "auth", &file);
  if (!_ak_yaml_node_is_null (node) && node->kind != AK_YAML_MAPPING)
    {
      g_propagate_error (error, ak_cloud_config_error_new (file, node->line,
                                                           "“auth” is not a mapping"));
      return NULL;
    }

  if (!check_value (cloud->name, FALSE, &reason))
    {
      g_propagate_error (error, ak_cloud_config_error_new (cloud->cloud_path, 0, reason));
      return NULL;
    }

  fields.name = g_strdup (cloud->name);
  fields.path = g_strdup (cloud->cloud_path);

  ok = lookup_text (cloud, "auth_type", FALSE, &fields.auth_type, error) &&
       lookup_text (cloud, "auth/auth_url", FALSE, &fields.auth_url, error) &&
       lookup_text (cloud, "auth/username", FALSE, &fields.username, error) &&
       lookup_domain (cloud, "auth/user_domain_name", "auth/user_domain_id",
                      &fields.user_domain, error) &&
       lookup_first (cloud, project_names, &fields.project_name, error) &&
       lookup_first (cloud, project_ids, &fields.project_id, error) &&
       lookup_domain (cloud, "auth/project_domain_name", "auth/project_domain_id",
                      &fields.project_domain, error) &&
       lookup_region (cloud, &fields.region, error) &&
       lookup_first (cloud, profiles, &fields.profile, error) &&
       lookup_text (cloud, "auth/application_credential_id", FALSE,
                    &fields.application_credential_id, error);

  if (ok && fields.auth_type != NULL)
    {
      char *lower = g_ascii_strdown (fields.auth_type, -1);

      g_free (fields.auth_type);
      fields.auth_type = lower;
    }

  if (ok)
    ok = lookup_text (cloud,
                      _ak_cloud_config_auth_type_is_app_cred (fields.auth_type)
                      ? "auth/application_credential_secret" : "auth/password",
                      TRUE, &secret, error);

  if (!ok)
    {
      ak_secret_wipe (g_steal_pointer (&secret));
      _ak_cloud_config_fields_clear (&fields);
      return NULL;
    }

  if (secret != NULL)
    fields.secret = ak_secret_new (secret);
  ak_secret_wipe (g_steal_pointer (&secret));

  return _ak_cloud_config_new (&fields);
}

/* Whether @mapping has @key again after @index (a repeated cloud: the last
 * one counts, as in PyYAML). */
static gboolean
key_repeats (AkYamlNode *mapping,
             guint       index,
             const char *key)
{
  for (guint i = index + 2; i + 1 < mapping->children->len; i += 2)
    {
      AkYamlNode *k = mapping->children->pdata[i];

      if (k->kind == AK_YAML_SCALAR && g_strcmp0 (k->text, key) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
add_clouds (GPtrArray  *result,
            YamlFile   *from,
            YamlFile   *other,
            gboolean    from_is_secure,
            GError    **error)
{
  if (from->clouds == NULL)
    return TRUE;

  for (guint i = 0; i + 1 < from->clouds->children->len; i += 2)
    {
      AkYamlNode *key = from->clouds->children->pdata[i];
      AkYamlNode *value = from->clouds->children->pdata[i + 1];
      AkYamlNode *in_other;
      AkCloudConfig *config;
      Cloud cloud = { 0, };

      if (key->kind != AK_YAML_SCALAR || _ak_yaml_node_is_null (key))
        {
          g_propagate_error (error, ak_cloud_config_error_new (from->path, key->line,
                                                               "a cloud's name is not text"));
          return FALSE;
        }

      if (key_repeats (from->clouds, i, key->text))
        continue;

      in_other = other->clouds != NULL ? _ak_yaml_mapping_get (other->clouds, key->text) : NULL;

      /* A cloud only in secure.yaml is added by openstacksdk as well; one in
       * both was added from clouds.yaml already. */
      if (from_is_secure && in_other != NULL)
        continue;

      cloud.name = key->text;
      if (from_is_secure)
        {
          cloud.secure = value;
          cloud.secure_path = from->path;
          cloud.cloud_path = from->path;
        }
      else
        {
          cloud.cloud = value;
          cloud.cloud_path = from->path;
          cloud.secure = in_other;
          cloud.secure_path = other->path;
        }

      config = read_cloud (&cloud, error);
      if (config == NULL)
        return FALSE;
      g_ptr_array_add (result, config);
    }

  return TRUE;
}

/**
 * ak_cloud_config_parse_clouds:
 * @clouds: the contents of a clouds.yaml
 * @clouds_path: its file name
 * @secure: (nullable): the contents of a secure.yaml, whose values win
 * @secure_path: (nullable): its file name
 * @error: the file refused, with its name and line
 *
 * Returns: (transfer container) (element-type AkCloudConfig): the clouds,
 *   in the order of the file, which may be none
 */
GPtrArray *
ak_cloud_config_parse_clouds (GBytes      *clouds,
                              const char  *clouds_path,
                              GBytes      *secure,
                              const char  *secure_path,
                              GError     **error)
{
  g_autoptr(GPtrArray) result = NULL;
  YamlFile cloud_file = { 0, };
  YamlFile secure_file = { 0, };
  gboolean ok;

  g_return_val_if_fail (clouds != NULL, NULL);
  g_return_val_if_fail (clouds_path != NULL, NULL);
  g_return_val_if_fail (secure == NULL || secure_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  result = g_ptr_array_new_with_free_func (g_object_unref);

  ok = load_yaml (&cloud_file, clouds, clouds_path, error) &&
       (secure == NULL || load_yaml (&secure_file, secure, secure_path, error)) &&
       add_clouds (result, &cloud_file, &secure_file, FALSE, error) &&
       add_clouds (result, &secure_file, &cloud_file, TRUE, error);

  yaml_file_clear (&cloud_file);
  yaml_file_clear (&secure_file);

  if (!ok)
    return NULL;

  return g_steal_pointer (&result);
}

/* openrc ------------------------------------------------------------------ */

/* Reads one shell word at @p: plain characters, 'single quoted' and "double
 * quoted" parts, and backslash escapes. Anything that would make the shell
 * run or look something up ($, `, a subshell, a redirection, a second
 * command) is not understood: %FALSE, and the line is passed over. */
static gboolean
read_word (const char **p,
           GString     *word)
{
  const char *s = *p;

  while (*s != '\0' && *s != ' ' && *s != '\t')
    {
      if (*s == '\'')
        {
          const char *end = strchr (s + 1, '\'');

          if (end == NULL)
            return FALSE;
          g_string_append_len (word, s + 1, end - s - 1);
          s = end + 1;
        }
      else if (*s == '"')
        {
          for (s++; *s != '"'; s++)
            {
              if (*s == '\0' || *s == '$' || *s == '`')
                return FALSE;
              if (*s == '\\' && strchr ("\"\\$`", s[1]) != NULL && s[1] != '\0')
                s++;
              g_string_append_c (word, *s);
            }
          s++;
        }
      else if (*s == '\\')
        {
          if (s[1] == '\0')
            return FALSE;
          g_string_append_c (word, s[1]);
          s += 2;
        }
      else if (strchr ("$`()<>;&|*?[]{}~!", *s) != NULL)
        {
          return FALSE;
        }
      else
        {
          g_string_append_c (word, *s);
          s++;
        }
    }

  *p = s;

  return TRUE;
}

static const char *
skip_blanks (const char *p)
{
  while (*p == ' ' || *p == '\t')
    p++;

  return p;
}

static gboolean
is_name_char (char c,
              gboolean first)
{
  return g_ascii_isalpha (c) || c == '_' || (!first && g_ascii_isdigit (c));
}

/* Whether @p is @keyword followed by a blank. */
static gboolean
starts_with_keyword (const char *p,
                     const char *keyword)
{
  gsize len = strlen (keyword);

  return strncmp (p, keyword, len) == 0 && (p[len] == ' ' || p[len] == '\t');
}

/* One line: NAME=value (after "export" or not), or "unset NAME…". Where
 * each variable was set goes into @lines, for an error about its value. */
static void
read_line (const char *line,
           guint       number,
           GHashTable *variables,
           GHashTable *lines)
{
  g_autoptr(GString) value = NULL;
  const char *p = skip_blanks (line);
  const char *name;
  gsize name_len;

  if (starts_with_keyword (p, "unset"))
    {
      g_auto(GStrv) names = g_strsplit_set (skip_blanks (p + 5), " \t", -1);

      for (guint i = 0; names[i] != NULL; i++)
        g_hash_table_remove (variables, names[i]);
      return;
    }

  if (starts_with_keyword (p, "export"))
    p = skip_blanks (p + 6);

  name = p;
  if (!is_name_char (*p, TRUE))
    return;
  while (is_name_char (*p, FALSE))
    p++;
  if (*p != '=')
    return;
  name_len = p - name;
  p++;

  value = g_string_new (NULL);
  if (!read_word (&p, value))
    {
      _ak_wipe_bytes (value->str, value->len);
      return;
    }

  /* Only a comment may follow. */
  p = skip_blanks (p);
  if (*p != '\0' && *p != '#')
    {
      _ak_wipe_bytes (value->str, value->len);
      return;
    }

  g_hash_table_replace (variables, g_strndup (name, name_len),
                        g_strndup (value->str, value->len));
  g_hash_table_replace (lines, g_strndup (name, name_len), GUINT_TO_POINTER (number));
  _ak_wipe_bytes (value->str, value->len);
}

static void
wipe_value (gpointer data)
{
  ak_secret_wipe (data);
}

typedef struct
{
  const char *variable;
  gsize       offset;
} OpenrcField;

#define OPENRC_FIELD(variable, field) \
  { variable, G_STRUCT_OFFSET (AkCloudConfigFields, field) }

/* The variables an openrc sets, best first where two mean the same. */
static const OpenrcField openrc_fields[] = {
  OPENRC_FIELD ("OS_AUTH_URL", auth_url),
  OPENRC_FIELD ("OS_AUTH_TYPE", auth_type),
  OPENRC_FIELD ("OS_USERNAME", username),
  OPENRC_FIELD ("OS_USER_DOMAIN_NAME", user_domain),
  OPENRC_FIELD ("OS_PROJECT_NAME", project_name),
  OPENRC_FIELD ("OS_TENANT_NAME", project_name),
  OPENRC_FIELD ("OS_PROJECT_ID", project_id),
  OPENRC_FIELD ("OS_TENANT_ID", project_id),
  OPENRC_FIELD ("OS_PROJECT_DOMAIN_NAME", project_domain),
  OPENRC_FIELD ("OS_REGION_NAME", region),
  OPENRC_FIELD ("OS_APPLICATION_CREDENTIAL_ID", application_credential_id),
};

static gboolean
fill_openrc_fields (AkCloudConfigFields  *fields,
                    GHashTable           *variables,
                    const char           *path,
                    GHashTable           *lines,
                    GError              **error)
{
  const char *secret;
  const char *reason = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (openrc_fields); i++)
    {
      char **field = &G_STRUCT_MEMBER (char *, fields, openrc_fields[i].offset);
      const char *value = g_hash_table_lookup (variables, openrc_fields[i].variable);

      if (*field != NULL || value == NULL || *value == '\0')
        continue;

      if (!check_value (value, FALSE, &reason))
        {
          guint line = GPOINTER_TO_UINT (g_hash_table_lookup (lines, openrc_fields[i].variable));

          g_propagate_error (error, ak_cloud_config_error_new (path, line, reason));
          return FALSE;
        }
      *field = g_strdup (value);
    }

  if (fields->auth_type != NULL)
    {
      char *lower = g_ascii_strdown (fields->auth_type, -1);

      g_free (fields->auth_type);
      fields->auth_type = lower;
    }

  if (fields->user_domain == NULL &&
      g_strcmp0 (g_hash_table_lookup (variables, "OS_USER_DOMAIN_ID"), "default") == 0)
    fields->user_domain = g_strdup ("Default");
  if (fields->project_domain == NULL &&
      g_strcmp0 (g_hash_table_lookup (variables, "OS_PROJECT_DOMAIN_ID"), "default") == 0)
    fields->project_domain = g_strdup ("Default");

  secret = g_hash_table_lookup (variables,
                                _ak_cloud_config_auth_type_is_app_cred (fields->auth_type)
                                ? "OS_APPLICATION_CREDENTIAL_SECRET" : "OS_PASSWORD");
  if (secret != NULL && *secret != '\0')
    {
      if (!check_value (secret, TRUE, &reason))
        {
          g_propagate_error (error, ak_cloud_config_error_new (path, 0, reason));
          return FALSE;
        }
      fields->secret = ak_secret_new (secret);
    }

  return TRUE;
}

/**
 * ak_cloud_config_parse_openrc:
 * @openrc: the contents of an openrc file
 * @path: its file name
 * @error: the file refused, with its name and line
 *
 * Returns: (transfer container) (element-type AkCloudConfig): the one cloud
 *   the file describes, named after the file
 */
GPtrArray *
ak_cloud_config_parse_openrc (GBytes      *openrc,
                              const char  *path,
                              GError     **error)
{
  g_autoptr(GHashTable) variables = NULL;
  g_autoptr(GHashTable) lines = NULL;
  g_autoptr(GPtrArray) result = NULL;
  AkCloudConfigFields fields = { 0, };
  g_autofree char *copy = NULL;
  const char *text;
  const char *end = NULL;
  gsize len = 0;
  guint line_number = 0;

  g_return_val_if_fail (openrc != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  text = g_bytes_get_data (openrc, &len);
  if (len > AK_CLOUD_CONFIG_MAX_SIZE)
    {
      g_propagate_error (error, ak_cloud_config_too_large_error_new (path));
      return NULL;
    }

  if (!g_utf8_validate_len (text != NULL ? text : "", len, &end))
    {
      guint line = 1;

      for (const char *p = text; p < end; p++)
        line += *p == '\n';
      g_propagate_error (error, ak_cloud_config_error_new (path, line,
                                                           "it is not valid UTF-8 text"));
      return NULL;
    }

  variables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, wipe_value);
  lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  copy = g_strndup (text != NULL ? text : "", len);

  for (char *line = copy, *next; line != NULL; line = next)
    {
      char *newline = strchr (line, '\n');
      gsize line_len;

      next = newline != NULL ? newline + 1 : NULL;
      if (newline != NULL)
        *newline = '\0';
      line_len = strlen (line);
      if (line_len > 0 && line[line_len - 1] == '\r')
        line[line_len - 1] = '\0';
      line_number++;

      read_line (line, line_number, variables, lines);
    }
  _ak_wipe_bytes (copy, len);

  if (g_hash_table_lookup (variables, "OS_AUTH_URL") == NULL &&
      g_hash_table_lookup (variables, "OS_USERNAME") == NULL &&
      g_hash_table_lookup (variables, "OS_APPLICATION_CREDENTIAL_ID") == NULL)
    {
      g_propagate_error (error, ak_cloud_config_error_new (path, 0,
                                                           "it sets no OS_AUTH_URL, "
                                                           "OS_USERNAME or "
                                                           "OS_APPLICATION_CREDENTIAL_ID"));
      return NULL;
    }

  fields.name = g_path_get_basename (path);
  fields.path = g_strdup (path);
  if (!fill_openrc_fields (&fields, variables, path, lines, error))
    {
      _ak_cloud_config_fields_clear (&fields);
      return NULL;
    }

  result = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (result, _ak_cloud_config_new (&fields));

  return g_steal_pointer (&result);
}
